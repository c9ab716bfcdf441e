package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.escalation.Escalation;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.TestClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisors' figures and export, over escalations whose times the test controls. */
class DashboardApiTest {
  @TempDir Path tempDir;
  Vertx vertx;
  ConsoleFixture fx;
  People people;
  StaffClient operator;
  StaffClient supervisor;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fx = new ConsoleFixture(vertx, tempDir);
    people = new People(vertx, fx);
    awayFromMidnight(fx.identity.clock);
    operator = fx.signedIn("omar", List.of("ar", "fa"), Role.OPERATOR);
    supervisor = fx.signedIn("sibel", List.of(), Role.SUPERVISOR);
  }

  /**
   * Moves the clock past midnight when it is close to it, so that a test's minutes all fall on one
   * UTC day whenever it runs: the dashboard counts by day.
   */
  private static void awayFromMidnight(TestClock clock) {
    Instant now = clock.instant();
    Instant midnight =
        now.atZone(ZoneOffset.UTC)
            .toLocalDate()
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    Duration left = Duration.between(now, midnight);
    if (left.compareTo(Duration.ofMinutes(30)) < 0) {
      clock.advance(left.plusMinutes(1));
    }
  }

  @AfterEach
  void tearDown() {
    fx.close();
    vertx.close().await();
  }

  @Test
  void dashboardCountsTheQueueWaitsAndClaims() {
    Escalation first = people.escalated("ar", "they took my passport");
    fx.identity.clock.advance(Duration.ofMinutes(2));
    Escalation second = people.escalated("ar", "I cannot leave the farm");
    fx.identity.clock.advance(Duration.ofMinutes(3));
    people.escalated("fa", "help");
    fx.identity.clock.advance(Duration.ofMinutes(5));
    operator.post("/api/escalations/" + first.id() + "/claim", null); // waited 10 minutes
    operator.post(
        "/api/escalations/" + first.id() + "/close",
        new JsonObject().put("outcome", "referred").put("category", "trafficking-labour"));
    fx.identity.clock.advance(Duration.ofMinutes(2));
    operator.post("/api/escalations/" + second.id() + "/claim", null); // waited 10 minutes

    JsonObject figures = supervisor.get("/api/dashboard?days=7").bodyAsJsonObject();

    assertThat(figures.getJsonArray("queue"))
        .containsExactly(
            new JsonObject().put("level", "high").put("language", "fa").put("waiting", 1));
    assertThat(figures.getLong("longestWaitSeconds")).isEqualTo(7 * 60);
    assertThat(figures.getJsonObject("timeToClaim"))
        .isEqualTo(
            new JsonObject().put("claims", 2).put("medianSeconds", 600).put("p90Seconds", 600));
    assertThat(figures.getJsonObject("outcomes")).isEqualTo(new JsonObject().put("referred", 1));
    assertThat(figures.getJsonObject("categories").getInteger("trafficking-labour")).isEqualTo(3);
    JsonObject today = figures.getJsonArray("days").getJsonObject(6);
    assertThat(today.getString("day"))
        .isEqualTo(fx.identity.clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString());
    assertThat(today.getInteger("escalations")).isEqualTo(3);
    assertThat(today.getInteger("conversations")).isEqualTo(3);
  }

  @Test
  void exportHasCountsOnlyWithoutTextOrIdentifiers() {
    Escalation e = people.escalated("ar", "they took my passport");
    people.escalated("ar", "they took my passport too");
    operator.post("/api/escalations/" + e.id() + "/claim", null);
    operator.post(
        "/api/escalations/" + e.id() + "/close",
        new JsonObject().put("outcome", "supported").put("category", "violence"));

    var response = supervisor.get("/api/dashboard/export.csv");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/csv");
    String day = fx.identity.clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString();
    assertThat(response.bodyAsString())
        .isEqualTo(
            "day,language,category,outcome,escalations\n"
                + day
                + ",ar,trafficking-labour,open,1\n"
                + day
                + ",ar,violence,supported,1\n");
    assertThat(response.bodyAsString()).doesNotContain(e.id(), e.conversationId(), "passport");
    assertThat(operator.get("/api/dashboard/export.csv").statusCode()).isEqualTo(403);
  }
}

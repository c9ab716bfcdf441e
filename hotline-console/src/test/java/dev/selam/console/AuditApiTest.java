package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Admins read the audit log and verify its chain; a tampered row is found. */
@ExtendWith(VertxExtension.class)
class AuditApiTest {
  @TempDir Path tempDir;
  ConsoleFixture fx;
  StaffClient admin;

  @BeforeEach
  void setUp(Vertx vertx) {
    fx = new ConsoleFixture(vertx, tempDir);
    admin = fx.signedIn("root", Role.ADMIN);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  List<JsonObject> allEvents() {
    List<JsonObject> events = new ArrayList<>();
    String path = "/api/audit?limit=2";
    while (true) {
      JsonObject page = admin.get(path).bodyAsJsonObject();
      page.getJsonArray("events").forEach(e -> events.add((JsonObject) e));
      if (!page.containsKey("nextBefore")) {
        return events;
      }
      path = "/api/audit?limit=2&before=" + page.getLong("nextBefore");
    }
  }

  @Test
  void aPageCanBeNarrowedByActorActionAndTargetAndPagesOnWithin() {
    StaffClient other = fx.signedIn("omar", Role.OPERATOR);
    other.send(io.vertx.core.http.HttpMethod.DELETE, "/api/session", null);

    JsonObject byOmar = admin.get("/api/audit?actor=omar&action=staff").bodyAsJsonObject();
    assertThat(
            byOmar.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("action")))
        .containsExactly(
            "staff.signed_out", "staff.signed_in", "staff.totp_enrolled", "staff.password_changed");
    JsonObject firstPage =
        admin.get("/api/audit?limit=1&target=omar&action=staff.signed_in").bodyAsJsonObject();
    assertThat(firstPage.getJsonArray("events")).hasSize(1);
    long before = firstPage.getLong("nextBefore");
    assertThat(
            admin
                .get("/api/audit?limit=1&target=omar&action=staff.signed_in&before=" + before)
                .bodyAsJsonObject()
                .getJsonArray("events"))
        .isEmpty();
    assertThat(admin.get("/api/audit?action=Staff%25").statusCode()).isEqualTo(400);
  }

  @Test
  void signInsFailuresAndSignOutsAreRecordedNewestFirst() {
    fx.anonymous().signIn("root", "wrong password", null);
    StaffClient other = fx.signedIn("omar", Role.OPERATOR);
    other.send(io.vertx.core.http.HttpMethod.DELETE, "/api/session", null);

    List<JsonObject> events = allEvents();
    List<String> actions = events.stream().map(e -> e.getString("action")).toList();
    assertThat(actions)
        .startsWith("staff.signed_out", "staff.signed_in")
        .contains("staff.sign_in_failed", "staff.created", "staff.password_changed");
    List<Long> seqs = events.stream().map(e -> e.getLong("seq")).toList();
    assertThat(seqs).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(seqs.get(seqs.size() - 1)).isEqualTo(1);
    JsonObject failure =
        events.stream()
            .filter(e -> e.getString("action").equals("staff.sign_in_failed"))
            .findFirst()
            .orElseThrow();
    assertThat(failure.getString("target")).isEqualTo("root");
    assertThat(failure.getJsonObject("details").getString("reason")).isEqualTo("wrong_password");
    assertThat(failure.encode()).doesNotContain("wrong password");
  }

  @Test
  void verificationFindsATamperedRow() throws Exception {
    JsonObject intact = admin.get("/api/audit/verification").bodyAsJsonObject();
    assertThat(intact.getBoolean("intact")).isTrue();
    long checked = intact.getLong("checked");
    assertThat(checked).isGreaterThanOrEqualTo(4);

    try (Connection c = fx.identity.testDb.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_event SET actor = 'someone-else' WHERE seq = 2");
    }

    JsonObject broken = admin.get("/api/audit/verification").bodyAsJsonObject();
    assertThat(broken.getBoolean("intact")).isFalse();
    assertThat(broken.getLong("firstBrokenSeq")).isEqualTo(2);
    assertThat(broken.getString("problem")).isNotBlank();
  }

  @Test
  void auditEntriesCarryTheirHash() {
    JsonArray events = admin.get("/api/audit").bodyAsJsonObject().getJsonArray("events");
    assertThat(events.getJsonObject(0).getString("hash")).hasSize(64);
  }
}

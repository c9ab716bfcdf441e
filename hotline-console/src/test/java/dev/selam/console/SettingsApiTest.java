package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.console.api.ApiProblem;
import dev.selam.core.escalation.HotlineHours;
import dev.selam.core.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admins set the opening hours, their time zone and the retention period through the API; the
 * running service answers by them at once, a bad value is a 400 naming the field, and each change
 * is audited. (The fixture's environment says Mon-Fri 09:00-18:00, Europe/Istanbul, 90 days.)
 */
@ExtendWith(VertxExtension.class)
class SettingsApiTest {
  static final ZonedDateTime SUNDAY_NOON =
      ZonedDateTime.parse("2026-03-01T12:00:00+03:00[Europe/Istanbul]");

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

  HttpResponse<Buffer> put(Object hours, Object timezone, Object retention) {
    return admin.send(
        HttpMethod.PUT,
        "/api/settings",
        new JsonObject().put("hours", hours).put("timezone", timezone).put("retention", retention));
  }

  @Test
  void theEnvironmentsValuesShowUntilAnAdminSetsOthers() {
    JsonObject settings = admin.get("/api/settings").bodyAsJsonObject();

    assertThat(settings.getString("hours")).isEqualTo("Mon-Fri 09:00-18:00");
    assertThat(settings.getString("timezone")).isEqualTo("Europe/Istanbul");
    assertThat(settings.getString("retention")).isEqualTo("90d");
    assertThat(settings.getJsonArray("overridden")).isEmpty();
    assertThat(settings.getJsonObject("defaults").getString("hours"))
        .isEqualTo("Mon-Fri 09:00-18:00");
  }

  @Test
  void savedHoursAnswerAtOnceWithoutARestartAndAreAudited() {
    HotlineHours before = fx.hotlineSettings.hours().await();
    assertThat(before.isOpen(SUNDAY_NOON.toInstant())).isFalse();

    HttpResponse<Buffer> saved = put("Sun 10:00-14:00", "Europe/Istanbul", "30d");

    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    assertThat(saved.bodyAsJsonObject().getJsonArray("overridden"))
        .containsExactly("hours", "timezone", "retention");
    assertThat(admin.get("/api/settings").bodyAsJsonObject().getString("hours"))
        .isEqualTo("Sun 10:00-14:00");
    // the same service, not restarted, now answers by the new hours and retention
    assertThat(fx.hotlineSettings.hours().await().isOpen(SUNDAY_NOON.toInstant())).isTrue();
    assertThat(fx.hotlineSettings.retention().await()).isEqualTo(Duration.ofDays(30));
    JsonObject event =
        admin.get("/api/audit?limit=1").bodyAsJsonObject().getJsonArray("events").getJsonObject(0);
    assertThat(event.getString("action")).isEqualTo("settings.changed");
    assertThat(event.getString("actor")).isEqualTo("root");
  }

  @Test
  void nullGoesBackToTheEnvironmentsValue() {
    put("always", "Europe/London", "12h");

    JsonObject settings = put(null, "Europe/London", null).bodyAsJsonObject();

    assertThat(settings.getString("hours")).isEqualTo("Mon-Fri 09:00-18:00");
    assertThat(settings.getString("retention")).isEqualTo("90d");
    assertThat(settings.getJsonArray("overridden")).containsExactly("timezone");
  }

  @Test
  void aValueTheEnvironmentWouldRefuseIsA400NamingTheFieldAndChangesNothing() {
    assertRefused(put("weekdays 9 to 5", null, null), "/hours");
    assertRefused(put("Mon-Fri 09:00-25:00", null, null), "/hours");
    assertRefused(put(null, "Istanbul", null), "/timezone");
    assertRefused(put(null, null, "5m"), "/retention");
    assertRefused(put(null, null, "forever"), "/retention");

    assertThat(admin.get("/api/settings").bodyAsJsonObject().getJsonArray("overridden")).isEmpty();
  }

  @Test
  void aBodyThatDoesNotFitTheContractIsA400() {
    HttpResponse<Buffer> missing =
        admin.send(HttpMethod.PUT, "/api/settings", new JsonObject().put("hours", "always"));
    HttpResponse<Buffer> unknown =
        admin.send(
            HttpMethod.PUT,
            "/api/settings",
            new JsonObject()
                .put("hours", "always")
                .put("timezone", null)
                .put("retention", null)
                .put("language", "tr"));

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(unknown.statusCode()).isEqualTo(400);
  }

  @Test
  void onlyAdminsReadOrChangeThem() {
    StaffClient supervisor = fx.signedIn("sup", Role.SUPERVISOR, Role.OPERATOR, Role.EDITOR);

    assertThat(supervisor.get("/api/settings").statusCode()).isEqualTo(403);
    assertThat(
            supervisor
                .send(
                    HttpMethod.PUT,
                    "/api/settings",
                    new JsonObject()
                        .put("hours", "always")
                        .putNull("timezone")
                        .putNull("retention"))
                .statusCode())
        .isEqualTo(403);
    assertThat(fx.hotlineSettings.current().await().overridden()).isEmpty();
  }

  static void assertRefused(HttpResponse<Buffer> response, String location) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo(ApiProblem.INVALID_REQUEST);
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("location"))
        .isEqualTo(location);
    assertThat(problem.getString("detail")).startsWith(location.substring(1) + ": ");
  }
}

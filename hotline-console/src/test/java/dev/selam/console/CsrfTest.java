package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.console.api.ApiProblem;
import dev.selam.core.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A state-changing request with a session but without this session's CSRF token is refused. */
@ExtendWith(VertxExtension.class)
class CsrfTest {
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

  static JsonObject newStaff() {
    return new JsonObject().put("username", "deniz").put("roles", new JsonArray().add("editor"));
  }

  int staffCount() {
    return admin.get("/api/staff").bodyAsJsonObject().getJsonArray("staff").size();
  }

  void assertCsrfRefusal(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo(ApiProblem.CSRF);
  }

  @Test
  void missingTokenIsRefusedAndNothingChanges() {
    String token = admin.csrfToken;
    admin.csrfToken = null;
    assertCsrfRefusal(admin.post("/api/staff", newStaff()));
    admin.csrfToken = token;
    assertThat(staffCount()).isEqualTo(1);
  }

  @Test
  void wrongTokenIsRefused() {
    String token = admin.csrfToken;
    admin.csrfToken = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertCsrfRefusal(admin.post("/api/staff", newStaff()));
  }

  @Test
  void tokenOfAnotherSessionIsRefused() {
    StaffClient other = fx.signedIn("other", Role.ADMIN);
    admin.csrfToken = other.csrfToken;
    assertCsrfRefusal(admin.post("/api/staff", newStaff()));
  }

  @Test
  void rightTokenIsAcceptedAndReadsNeedNone() {
    assertThat(admin.post("/api/staff", newStaff()).statusCode()).isEqualTo(201);
    admin.csrfToken = null;
    assertThat(staffCount()).isEqualTo(2);
  }

  @Test
  void everyStateChangingRouteChecksTheToken() {
    admin.csrfToken = null;
    int checked = 0;
    for (ApiRoutes route : ApiRoutes.of(fx.api)) {
      if (!route.changesState() || route.access().open()) {
        continue;
      }
      assertCsrfRefusal(admin.request(route.method(), route.path()).send().await());
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(12);
    admin.csrfToken = "ignored";
    assertThat(admin.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void signOutNeedsTheTokenSoAnotherSiteCannotSignSomeoneOut() {
    String token = admin.csrfToken;
    admin.csrfToken = null;
    assertCsrfRefusal(admin.send(HttpMethod.DELETE, "/api/session", null));
    admin.csrfToken = token;
    assertThat(admin.get("/api/me").statusCode()).isEqualTo(200);
  }
}

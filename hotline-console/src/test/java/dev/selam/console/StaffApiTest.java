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

/** Admins manage staff accounts through the API; every change lands in the audit log. */
@ExtendWith(VertxExtension.class)
class StaffApiTest {
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

  JsonObject create(String username, String... roles) {
    HttpResponse<Buffer> response =
        admin.post(
            "/api/staff",
            new JsonObject()
                .put("username", username)
                .put("displayName", "Deniz Y.")
                .put("roles", new JsonArray(java.util.List.of(roles)))
                .put("languages", new JsonArray().add("ar").add("fa"))
                .put("uiLanguage", "tr"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  String lastAction() {
    return admin
        .get("/api/audit?limit=1")
        .bodyAsJsonObject()
        .getJsonArray("events")
        .getJsonObject(0)
        .getString("action");
  }

  @Test
  void createdAccountSignsInWithItsOneTimePassword() {
    JsonObject created = create("deniz", "operator", "supervisor");
    JsonObject account = created.getJsonObject("account");
    assertThat(account.getJsonArray("roles")).containsExactly("operator", "supervisor");
    assertThat(account.getJsonArray("languages")).containsExactly("ar", "fa");
    assertThat(account.getString("uiLanguage")).isEqualTo("tr");
    assertThat(account.getBoolean("mustChangePassword")).isTrue();
    assertThat(lastAction()).isEqualTo("staff.created");

    StaffClient deniz = fx.anonymous();
    assertThat(deniz.signIn("deniz", created.getString("oneTimePassword"), null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aQueryThatCannotBeDecodedIsA400NotAServerError() {
    HttpResponse<Buffer> response = admin.get("/api/audit?limit=%ZZ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo(ApiProblem.INVALID_REQUEST);
  }

  @Test
  void takenUsernameIsA409() {
    create("deniz", "editor");
    HttpResponse<Buffer> again =
        admin.post(
            "/api/staff",
            new JsonObject().put("username", "deniz").put("roles", new JsonArray().add("editor")));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("type")).isEqualTo(ApiProblem.CONFLICT);
  }

  @Test
  void adminChangesRolesAndTheChangeTakesEffectAtOnce() {
    StaffClient omar = fx.signedIn("omar", Role.OPERATOR);
    String id = omar.get("/api/me").bodyAsJsonObject().getString("id");
    assertThat(omar.get("/api/staff").statusCode()).isEqualTo(403);

    HttpResponse<Buffer> updated =
        admin.send(
            HttpMethod.PATCH,
            "/api/staff/" + id,
            new JsonObject().put("roles", new JsonArray().add("operator").add("admin")));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(lastAction()).isEqualTo("staff.updated");

    assertThat(omar.get("/api/staff").statusCode()).isEqualTo(200);
    assertThat(admin.get("/api/staff/" + id).bodyAsJsonObject().getJsonArray("roles"))
        .containsExactly("operator", "admin");
  }

  @Test
  void resetPasswordEndsSessionsAndGivesAWorkingOneTimePassword() {
    StaffClient omar = fx.signedIn("omar", Role.OPERATOR);
    String id = omar.get("/api/me").bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> reset = admin.post("/api/staff/" + id + "/password-reset", null);
    assertThat(reset.statusCode()).isEqualTo(200);
    String oneTime = reset.bodyAsJsonObject().getString("oneTimePassword");

    assertThat(omar.get("/api/me").statusCode()).isEqualTo(401);
    StaffClient again = fx.anonymous();
    assertThat(again.signIn("omar", oneTime, fx.nextCode("omar")).statusCode()).isEqualTo(200);
    assertThat(again.get("/api/me").bodyAsJsonObject().getJsonArray("setupRequired"))
        .containsExactly("changePassword");
    assertThat(lastAction()).isEqualTo("staff.signed_in");
  }

  @Test
  void aLockedOutAccountShowsItsLockoutUntilAPasswordResetLiftsIt() {
    String id = fx.ready("omar", Role.OPERATOR).id();
    assertThat(admin.get("/api/staff/" + id).bodyAsJsonObject().getValue("lockedUntil")).isNull();
    for (int i = 0; i < 3; i++) {
      fx.anonymous().signIn("omar", "not the password", fx.nextCode("omar"));
    }

    JsonObject locked = admin.get("/api/staff/" + id).bodyAsJsonObject();
    assertThat(java.time.Instant.parse(locked.getString("lockedUntil")))
        .isAfter(fx.identity.clock.instant());

    admin.post("/api/staff/" + id + "/password-reset", null);
    assertThat(admin.get("/api/staff/" + id).bodyAsJsonObject().getValue("lockedUntil")).isNull();
  }

  @Test
  void resetTotpLetsTheOwnerEnrolAgain() {
    StaffClient omar = fx.signedIn("omar", Role.OPERATOR);
    String id = omar.get("/api/me").bodyAsJsonObject().getString("id");

    assertThat(admin.post("/api/staff/" + id + "/totp-reset", null).statusCode()).isEqualTo(200);

    StaffClient again = fx.anonymous();
    assertThat(again.signIn("omar", ConsoleFixture.PASSWORD, null).statusCode()).isEqualTo(200);
    assertThat(again.get("/api/me").bodyAsJsonObject().getJsonArray("setupRequired"))
        .containsExactly("enrolTotp");
  }

  @Test
  void disableAndEnableAreAuditedAndTheLastAdminStays() {
    StaffClient omar = fx.signedIn("omar", Role.OPERATOR);
    String id = omar.get("/api/me").bodyAsJsonObject().getString("id");
    assertThat(
            admin
                .post("/api/staff/" + id + "/disable", null)
                .bodyAsJsonObject()
                .getBoolean("disabled"))
        .isTrue();
    assertThat(lastAction()).isEqualTo("staff.disabled");
    assertThat(
            admin
                .post("/api/staff/" + id + "/enable", null)
                .bodyAsJsonObject()
                .getBoolean("disabled"))
        .isFalse();
    assertThat(lastAction()).isEqualTo("staff.enabled");

    String rootId = admin.get("/api/me").bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> self = admin.post("/api/staff/" + rootId + "/disable", null);
    assertThat(self.statusCode()).isEqualTo(409);
    assertThat(self.bodyAsJsonObject().getString("detail")).contains("last active admin");
  }

  @Test
  void unknownAccountIsA404() {
    HttpResponse<Buffer> response = admin.get("/api/staff/" + ApiRoutes.SOME_ID);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo(ApiProblem.NOT_FOUND);
    assertThat(admin.post("/api/staff/" + ApiRoutes.SOME_ID + "/password-reset", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void ownDisplayNameAndLanguageCanBeChanged() {
    StaffClient omar = fx.signedIn("omar", Role.OPERATOR);
    HttpResponse<Buffer> response =
        omar.send(
            HttpMethod.PATCH,
            "/api/me",
            new JsonObject().put("uiLanguage", "ar").put("displayName", "عمر"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("displayName")).isEqualTo("عمر");
    assertThat(response.bodyAsJsonObject().getString("uiLanguage")).isEqualTo("ar");
  }
}

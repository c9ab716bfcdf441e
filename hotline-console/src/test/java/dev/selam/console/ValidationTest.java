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

/**
 * A request that does not fit the contract gets 400 and a problem document saying what is wrong.
 */
@ExtendWith(VertxExtension.class)
class ValidationTest {
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

  static JsonObject problem(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo(ApiProblem.INVALID_REQUEST);
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }

  @Test
  void signInWithoutAPasswordIsA400() {
    JsonObject problem =
        problem(
            fx.client
                .post("/api/session")
                .sendJsonObject(new JsonObject().put("username", "root"))
                .await());
    assertThat(problem.encode()).contains("password");
  }

  @Test
  void signInThatIsNotJsonIsA400() {
    problem(
        fx.client
            .post("/api/session")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"username\": "))
            .await());
    problem(
        fx.client
            .post("/api/session")
            .putHeader("Content-Type", "application/x-www-form-urlencoded")
            .sendBuffer(Buffer.buffer("username=root&password=x"))
            .await());
  }

  @Test
  void textWithANulCharacterIsA400WhereverItIs() {
    // PostgreSQL stores no U+0000 in text: without this check these were 500s there
    JsonObject problem =
        problem(
            fx.client
                .post("/api/session")
                .sendJsonObject(new JsonObject().put("username", "ro\u0000ot").put("password", "x"))
                .await());
    assertThat(problem.getString("detail")).contains("NUL");
    StaffClient supervisor = fx.signedIn("sam", Role.SUPERVISOR);
    problem(
        supervisor.post(
            "/api/canned-replies",
            new JsonObject().put("language", "en").put("title", "fine").put("text", "a\u0000b")));
    problem(
        supervisor.post(
            "/api/canned-replies",
            new JsonObject().put("language", "en").put("title", "a\u0000b").put("text", "fine")));
  }

  @Test
  void newStaffWithABadUsernameAndAnUnknownRoleNamesBothPlaces() {
    JsonObject problem =
        problem(
            admin.post(
                "/api/staff",
                new JsonObject()
                    .put("username", "Robert'); DROP TABLE staff_user;--")
                    .put("roles", new JsonArray().add("superuser"))));
    JsonArray errors = problem.getJsonArray("errors");
    assertThat(errors).isNotNull();
    assertThat(errors.encode()).contains("/username").contains("/roles/0");
    assertThat(admin.get("/api/staff").bodyAsJsonObject().getJsonArray("staff")).hasSize(1);
  }

  @Test
  void unknownFieldIsRefusedRatherThanIgnored() {
    problem(
        admin.post(
            "/api/staff",
            new JsonObject()
                .put("username", "deniz")
                .put("roles", new JsonArray().add("editor"))
                .put("isRoot", true)));
  }

  @Test
  void badPathAndQueryParametersAre400() {
    problem(admin.get("/api/staff/not-an-id"));
    problem(admin.get("/api/audit?limit=100000"));
    problem(admin.get("/api/audit?before=soon"));
  }

  @Test
  void refusedChangeSaysWhyWith400() {
    JsonObject problem =
        admin
            .post(
                "/api/me/password",
                new JsonObject()
                    .put("currentPassword", "not my password")
                    .put("newPassword", "another long password"))
            .bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getString("detail")).contains("current password is wrong");
  }

  @Test
  void emptyPatchIsA400() {
    problem(admin.send(HttpMethod.PATCH, "/api/me", new JsonObject()));
  }
}

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.identity.RfcTotp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * The first start's admin, signed in through the API with the one-time password the service wrote,
 * who then chooses a password and enrols TOTP: a session that may do admin work.
 */
record InitialAdmin(String cookie, String csrf, String totpSecret) {
  static InitialAdmin enrol(WebClient client, Path dataDir) throws Exception {
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(dataDir.resolve("one-time-password-admin.txt"))) {
      file.load(reader);
    }
    HttpResponse<Buffer> signedIn =
        client
            .post("/api/session")
            .sendJsonObject(
                new JsonObject().put("username", "admin").put("password", file.get("password")))
            .await();
    assertThat(signedIn.statusCode()).isEqualTo(200);
    String cookie = signedIn.cookies().get(0).split(";", 2)[0];
    String csrf = signedIn.bodyAsJsonObject().getString("csrfToken");
    InitialAdmin during = new InitialAdmin(cookie, csrf, null);
    assertThat(
            during
                .post(
                    client,
                    "/api/me/password",
                    new JsonObject()
                        .put("currentPassword", file.get("password"))
                        .put("newPassword", "correct horse battery"))
                .statusCode())
        .isEqualTo(200);
    String secret =
        during.post(client, "/api/me/totp", null).bodyAsJsonObject().getString("secret");
    HttpResponse<Buffer> confirmed =
        during.post(
            client,
            "/api/me/totp/confirmation",
            new JsonObject().put("code", RfcTotp.code(secret, Instant.now())));
    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    return new InitialAdmin(cookie, csrf, secret);
  }

  HttpResponse<Buffer> post(WebClient client, String path, JsonObject body) {
    var request = client.post(path).putHeader("Cookie", cookie).putHeader("X-CSRF-Token", csrf);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }
}

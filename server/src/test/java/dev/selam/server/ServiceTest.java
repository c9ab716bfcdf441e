package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTest {
  @TempDir Path dataDir;
  TestService service;
  Vertx clientVertx;
  WebClient client;

  @BeforeEach
  void start() {
    service = TestService.start(dataDir, Map.of("SELAM_HTTP_BODY_LIMIT", "4096"));
    client = service.client();
    clientVertx = service.clientVertx();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  HttpResponse<Buffer> get(String path) {
    return client.get(path).send().await();
  }

  @Test
  void healthAnswersUp() {
    HttpResponse<Buffer> response = get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessReportsTheDatabaseAndTheDialogue() {
    HttpResponse<Buffer> response = get("/ready");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("database").contains("dialogue").contains("UP");
  }

  @Test
  void aQueryStringThatCannotBeDecodedIsA400EvenOnARouteWithPathParameters() {
    HttpResponse<Buffer> response = client.post("/api/escalations/7/claim?q=%ZZ").send().await();
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void readinessTurnsNotReadyWhenTheDatabaseIsGone() {
    service.service.closeDatabaseForTest();
    HttpResponse<Buffer> response = get("/ready");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsString()).contains("DOWN");
  }

  @Test
  void metricsExposeJvmAndHttpInPrometheusFormat() {
    get("/health");
    HttpResponse<Buffer> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString())
        .contains("# TYPE jvm_memory_used_bytes gauge")
        .contains("vertx_http_server_requests_total");
  }

  @Test
  void everyResponseCarriesSecurityHeaders() {
    for (String path : new String[] {"/health", "/", "/no-such-page"}) {
      HttpResponse<Buffer> response = get(path);
      assertThat(response.getHeader("Content-Security-Policy"))
          .as(path)
          .contains("frame-ancestors 'none'")
          .contains("script-src 'self'")
          .doesNotContain("unsafe-inline");
      assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(response.getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      assertThat(response.getHeader("Strict-Transport-Security")).as(path).isNull();
    }
  }

  @Test
  void unknownPathIsAProblemDocument() {
    HttpResponse<Buffer> response = get("/no-such-page");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(404);
  }

  @Test
  void bodyOverTheLimitIsRefusedWith413() {
    HttpResponse<Buffer> response =
        client
            .request(HttpMethod.POST, "/telegram/webhook")
            .sendBuffer(Buffer.buffer(new byte[8192]))
            .await();
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void firstStartCreatesTheAdminWhoseFirstSignInMustFinishSetup() throws Exception {
    java.util.Properties file = new java.util.Properties();
    try (var reader =
        java.nio.file.Files.newBufferedReader(dataDir.resolve("one-time-password-admin.txt"))) {
      file.load(reader);
    }
    HttpResponse<Buffer> signedIn =
        client
            .post("/api/session")
            .sendJsonObject(
                new io.vertx.core.json.JsonObject()
                    .put("username", "admin")
                    .put("password", file.getProperty("password")))
            .await();
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.bodyAsJsonObject().getJsonObject("me").getJsonArray("setupRequired"))
        .contains("changePassword");
    assertThat(signedIn.getHeader("Content-Security-Policy")).contains("script-src 'self'");
  }

  @Test
  void staffApiIsMountedWithItsContractAndRefusesStrangers() {
    HttpResponse<Buffer> contract = get("/api/openapi.yaml");
    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(contract.bodyAsString()).startsWith("openapi: 3.1.0");

    HttpResponse<Buffer> me = get("/api/me");
    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(me.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(get("/api/no-such-thing").statusCode()).isEqualTo(404);
  }

  @Test
  void consoleIsServedAtTheRoot() {
    HttpResponse<Buffer> response = get("/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("<html").doesNotContain("<script>");
  }
}

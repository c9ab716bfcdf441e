package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.identity.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind an ingress every request comes from the proxy's address and names the proxy's upstream
 * host: with {@code SELAM_HTTP_TRUST_FORWARDED} the web chat's per-address limits count people by
 * {@code X-Forwarded-For}, and the console's live socket accepts pages from the host the browser
 * used ({@code X-Forwarded-Host}); without it those headers are anyone's to forge and are ignored.
 */
class ForwardedAddressTest {
  @TempDir Path dataDir;
  TestService service;
  Vertx clientVertx;
  WebClient client;

  void start(boolean trustForwarded) {
    service =
        TestService.start(
            dataDir,
            Map.of(
                "SELAM_WEBCHAT_NEW_PER_HOUR",
                "1",
                "SELAM_TOTP_REQUIRED",
                "false",
                "SELAM_HTTP_TRUST_FORWARDED",
                String.valueOf(trustForwarded)));
    client = service.client();
    clientVertx = service.clientVertx();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  int openFrom(String forwardedFor) {
    return client
        .post("/chat/api/conversations")
        .putHeader("X-Forwarded-For", forwardedFor)
        .send()
        .await()
        .statusCode();
  }

  String operatorCookie;

  /** Opens the console's live socket as an operator's page from {@code origin} would. */
  Future<WebSocket> live(String origin, String forwardedHost) {
    if (operatorCookie == null) {
      try (TestStaff staff = new TestStaff(service)) {
        staff.create("olive", Role.OPERATOR);
      }
      HttpResponse<Buffer> signedIn =
          client
              .post("/api/session")
              .sendJsonObject(
                  new JsonObject().put("username", "olive").put("password", TestStaff.PASSWORD))
              .await();
      assertThat(signedIn.statusCode()).isEqualTo(200);
      operatorCookie = signedIn.cookies().get(0).split(";", 2)[0];
    }
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(service.port())
            .setURI("/api/live")
            .addHeader("Cookie", operatorCookie)
            .addHeader("Origin", origin)
            .addHeader("X-Forwarded-Host", forwardedHost)
            .addHeader("X-Forwarded-Proto", "https");
    return clientVertx.createWebSocketClient().connect(options);
  }

  @Test
  void behindATrustedProxyTheLiveSocketTakesPagesFromTheForwardedHost() {
    start(true);

    WebSocket socket = live("https://console.example.org", "console.example.org").await();
    socket.close().await();
    assertThatThrownBy(() -> live("https://evil.example", "console.example.org").await())
        .hasMessageContaining("403");
    String upstream = "http://127.0.0.1:" + service.port();
    assertThatThrownBy(() -> live(upstream, "console.example.org").await())
        .hasMessageContaining("403");
  }

  @Test
  void withoutATrustedProxyAForwardedHostDoesNotPassTheOriginCheck() {
    start(false);

    assertThatThrownBy(() -> live("https://console.example.org", "console.example.org").await())
        .hasMessageContaining("403");
    WebSocket socket = live("http://127.0.0.1:" + service.port(), "console.example.org").await();
    socket.close().await();
  }

  @Test
  void behindATrustedProxyEachPersonHasTheirOwnLimit() {
    start(true);

    assertThat(openFrom("203.0.113.7")).isEqualTo(201);
    assertThat(openFrom("203.0.113.7")).isEqualTo(429);
    assertThat(openFrom("198.51.100.23")).isEqualTo(201);
  }

  @Test
  void withoutATrustedProxyAForgedHeaderDoesNotEscapeTheLimit() {
    start(false);

    assertThat(openFrom("203.0.113.7")).isEqualTo(201);
    assertThat(openFrom("198.51.100.23")).isEqualTo(429);
  }
}

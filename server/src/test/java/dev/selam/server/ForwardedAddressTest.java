package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind an ingress every request comes from the proxy's address: with {@code
 * SELAM_HTTP_TRUST_FORWARDED} the web chat's per-address limits count people by {@code
 * X-Forwarded-For}; without it that header is anyone's to forge and is ignored.
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
                "SELAM_HTTP_TRUST_FORWARDED",
                String.valueOf(trustForwarded)));
    clientVertx = Vertx.vertx();
    client =
        WebClient.create(
            clientVertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(service.port()));
  }

  @AfterEach
  void stop() {
    client.close();
    clientVertx.close().await();
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

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HstsTest {
  @TempDir Path dataDir;

  @Test
  void behindTlsBrowsersAreToldToStayOnHttps() {
    try (TestService service =
        TestService.start(dataDir, Map.of("SELAM_PUBLIC_URL", "https://help.example.org"))) {
      Vertx vertx = Vertx.vertx();
      try {
        var response =
            WebClient.create(vertx).get(service.port(), "127.0.0.1", "/health").send().await();
        assertThat(response.getHeader("Strict-Transport-Security")).contains("max-age=");
      } finally {
        vertx.close().await();
      }
    }
  }
}

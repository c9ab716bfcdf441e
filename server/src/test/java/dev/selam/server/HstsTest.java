package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

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
      var response = service.client().get("/health").send().await();
      assertThat(response.getHeader("Strict-Transport-Security")).contains("max-age=");
    }
  }
}

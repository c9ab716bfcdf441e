package dev.selam.server.cli;

import dev.selam.core.config.Settings;
import dev.selam.server.SelamService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * A first start, done once by the build so the JDK can record it in an ahead-of-time cache ({@code
 * -XX:AOTCacheOutput}): the service starts on an empty data directory of its own (migrations, keys,
 * the seed knowledge base, the first admin, the language models), answers {@code /ready}, and
 * stops. Later starts with {@code -XX:AOTCache} find those classes loaded and linked already and
 * are ready in about half the time. Nothing of the run is kept but the cache.
 */
@Command(
    name = "start-up-training",
    hidden = true,
    description = "Start on a temporary data directory until ready, then stop (for an AOT cache).")
public final class StartUpTrainingCommand implements Callable<Integer> {
  private static final Duration READY_WITHIN = Duration.ofMinutes(2);

  @Override
  public Integer call() throws Exception {
    Path dataDir = Files.createTempDirectory("selam-start-up-training");
    try {
      // Only these settings: nothing of the build machine's environment reaches the run.
      SelamService service =
          SelamService.start(
              Settings.of(
                  Map.of(
                      "SELAM_DATA_DIR", dataDir.toString(),
                      "SELAM_HTTP_HOST", "127.0.0.1",
                      "SELAM_HTTP_PORT", "0")));
      try {
        return awaitReady(service.port()) ? 0 : 1;
      } finally {
        service.close();
      }
    } finally {
      deleteTree(dataDir);
    }
  }

  private static boolean awaitReady(int port) throws InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant until = Instant.now().plus(READY_WITHIN);
    try (HttpClient client = HttpClient.newHttpClient()) {
      while (Instant.now().isBefore(until)) {
        try {
          if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return true;
          }
        } catch (IOException e) {
          // not answering yet: ask again
        }
        Thread.sleep(100);
      }
    }
    System.err.println("The service was not ready within " + READY_WITHIN.toSeconds() + " s.");
    return false;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

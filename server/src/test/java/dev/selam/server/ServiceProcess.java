package dev.selam.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real service in a JVM of its own ({@code selam serve} on the test class path), so a test can
 * kill it with SIGKILL as a crash or an out-of-memory killer would, and start it again.
 */
final class ServiceProcess implements AutoCloseable {
  private final Process process;
  final int port;

  private final Path log;

  private ServiceProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code serve} with {@code settings} as its environment and waits until it is ready. */
  static ServiceProcess start(Map<String, String> settings, Path log) throws Exception {
    return start(settings, log, List.of("-Xmx768m", "-XX:+UseSerialGC"));
  }

  /** The same with the JVM's options chosen by the caller (a benchmark's heap, a recording). */
  static ServiceProcess start(Map<String, String> settings, Path log, List<String> jvmOptions)
      throws Exception {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "dev.selam.server.Main", "serve"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("SELAM_"));
    builder.environment().putAll(settings);
    builder.environment().put("SELAM_HTTP_PORT", String.valueOf(port));
    builder.environment().put("SELAM_HTTP_HOST", "127.0.0.1");
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    ServiceProcess service = new ServiceProcess(builder.start(), port, log);
    try {
      service.awaitReady(Duration.ofSeconds(240));
    } catch (Exception | Error e) {
      service.kill(); // never leave a service running behind a failed test
      throw e;
    }
    return service;
  }

  private void awaitReady(Duration within) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service exited with " + process.exitValue() + "; its log ends:\n" + logTail());
      }
      try {
        HttpResponse<Void> ready =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the service was not ready within " + within + "; its log ends:\n" + logTail());
  }

  private String logTail() throws IOException {
    List<String> lines = java.nio.file.Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** The operating system's id of the service's JVM (to read its memory from /proc). */
  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the service closes its server, channel and database in order. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      kill();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

package dev.selam.server;

import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.Keys;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Starts the whole service on a free port over a fresh test database. */
final class TestService implements AutoCloseable {
  final TestDatabase database;
  final SelamService service;
  final Map<String, String> settings;
  private boolean stopped;
  private Vertx clientVertx;
  private WebClient client;

  private TestService(TestDatabase database, SelamService service, Map<String, String> settings) {
    this.database = database;
    this.service = service;
    this.settings = settings;
  }

  static TestService start(Path dataDir, Map<String, String> extra) {
    TestDatabase database = TestDatabase.create(dataDir);
    Map<String, String> env = new HashMap<>(settingsFor(database, dataDir));
    env.putAll(extra);
    TestService started =
        new TestService(database, SelamService.start(Settings.of(env)), Map.copyOf(env));
    started.awaitReady();
    return started;
  }

  /**
   * Waits until {@code /ready} says 200: the service listens while the language models load, and
   * tests start from a service that is ready.
   */
  private void awaitReady() {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest ready =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port() + "/ready"))
            .build();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
    try {
      while (http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()
          != 200) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the service did not get ready in 180 s");
        }
        Thread.sleep(50);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> settingsFor(TestDatabase database, Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("SELAM_HTTP_PORT", "0");
    env.put("SELAM_HTTP_HOST", "127.0.0.1");
    env.put("SELAM_DATA_DIR", dataDir.toString());
    env.put("SELAM_DB_URL", database.settings().url());
    env.put("SELAM_DB_USER", database.settings().user());
    env.put("SELAM_DB_PASSWORD", database.settings().password());
    Keys.newEnvironmentLines("test")
        .lines()
        .forEach(line -> env.put(line.split("=", 2)[0], line.split("=", 2)[1]));
    return env;
  }

  /** The service's keys, read from its settings as the service read them. */
  private Keys keys() {
    Settings read = Settings.of(settings);
    return Keys.from(read, DataDirectory.from(read), false);
  }

  /** The service's own cipher: a test reads the database as someone holding the keys would. */
  FieldCipher cipher() {
    return keys().cipher();
  }

  int port() {
    return service.port();
  }

  /** A web client for this service, on a Vert.x of its own; closed with the service. */
  synchronized WebClient client() {
    if (client == null) {
      clientVertx = Vertx.vertx();
      client =
          WebClient.create(
              clientVertx,
              new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port()));
    }
    return client;
  }

  /** The Vert.x {@link #client()} runs on, for sockets and plain HTTP clients. */
  Vertx clientVertx() {
    client();
    return clientVertx;
  }

  /** The first column of the first row of a query on the service's database, as a number. */
  long count(String sql) {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Stops the service, keeping its database for a look at what it left behind. */
  void stopService() {
    if (!stopped) {
      stopped = true;
      service.close();
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (client != null) {
        client.close();
        clientVertx.close().await();
        client = null;
      }
    }
    stopService();
    database.close();
  }
}

package dev.selam.core.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database for one test: a new schema in the PostgreSQL named by {@code
 * SELAM_TEST_DB_URL} when set (as in CI), else an embedded H2 file in the test's temp directory.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String URL_ENV = "SELAM_TEST_DB_URL";

  private final DatabaseSettings settings;
  private final String schema;

  private TestDatabase(DatabaseSettings settings, String schema) {
    this.settings = settings;
    this.schema = schema;
  }

  public static boolean postgres() {
    String url = System.getenv(URL_ENV);
    return url != null && url.startsWith("jdbc:postgresql:");
  }

  public static TestDatabase create(Path tempDir) {
    if (!postgres()) {
      String url = "jdbc:h2:file:" + tempDir.resolve("db-" + UUID.randomUUID()).toString();
      return new TestDatabase(DatabaseSettings.of(url, "", "", 4), null);
    }
    String base = System.getenv(URL_ENV);
    String user = env("SELAM_TEST_DB_USER");
    String password = env("SELAM_TEST_DB_PASSWORD");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(base, user, password, "CREATE SCHEMA " + schema);
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new TestDatabase(DatabaseSettings.of(url, user, password, 4), schema);
  }

  public DatabaseSettings settings() {
    return settings;
  }

  public String kind() {
    return settings.kind().name().toLowerCase(Locale.ROOT);
  }

  /** Plain JDBC, for tests that must look at the raw rows as an attacker with a dump would. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        settings.url(), emptyToNull(settings.user()), emptyToNull(settings.password()));
  }

  @Override
  public void close() {
    if (schema != null) {
      execute(
          System.getenv(URL_ENV),
          env("SELAM_TEST_DB_USER"),
          env("SELAM_TEST_DB_PASSWORD"),
          "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void execute(String url, String user, String password, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database: " + e.getMessage(), e);
    }
  }

  private static String env(String name) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}

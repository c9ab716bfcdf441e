package dev.selam.core.storage;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;

/** Which database to use: embedded H2 in the data directory unless a PostgreSQL URL is given. */
public record DatabaseSettings(String url, String user, String password, int poolSize) {
  public static final String URL = "SELAM_DB_URL";
  public static final String USER = "SELAM_DB_USER";
  public static final String PASSWORD = "SELAM_DB_PASSWORD";
  public static final String POOL_SIZE = "SELAM_DB_POOL_SIZE";

  /**
   * H2 speaks PostgreSQL's dialect here, so one set of migrations and queries serves both. By
   * default H2 writes commits to its file up to a second late, so a killed process loses what it
   * had already confirmed (an update Telegram was told was received, say): WRITE_DELAY=0 writes
   * each commit before it returns.
   */
  static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

  public enum Kind {
    H2,
    POSTGRESQL
  }

  public static DatabaseSettings from(Settings settings, DataDirectory dataDir) {
    String url =
        settings.string(
            URL, "jdbc:h2:file:" + dataDir.resolve("selam").toString().replace('\\', '/'));
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql://")) {
      throw new ConfigException(URL, "must be a jdbc:postgresql://... or jdbc:h2:... URL");
    }
    int poolSize = settings.integer(POOL_SIZE, 8, 1, 200);
    return of(url, settings.string(USER, ""), settings.string(PASSWORD, ""), poolSize);
  }

  public static DatabaseSettings of(String url, String user, String password, int poolSize) {
    String effective =
        url.startsWith("jdbc:h2:") && !url.contains("MODE=") ? url + H2_OPTIONS : url;
    return new DatabaseSettings(effective, user, password, poolSize);
  }

  public Kind kind() {
    return url.startsWith("jdbc:postgresql:") ? Kind.POSTGRESQL : Kind.H2;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + kind() + ", user=" + user + "]";
  }
}

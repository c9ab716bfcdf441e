package dev.selam.server.cli;

import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.crypto.Keys;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.DatabaseSettings;
import io.vertx.core.Vertx;

/** What a command-line tool needs to work on the service's data: settings, keys, database. */
public final class CliContext implements AutoCloseable {
  public final Settings settings;
  public final DataDirectory dataDir;
  public final Keys keys;
  public final Vertx vertx;
  public final Database database;

  private CliContext(
      Settings settings, DataDirectory dataDir, Keys keys, Vertx vertx, Database database) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.keys = keys;
    this.vertx = vertx;
    this.database = database;
  }

  public static CliContext open(Settings settings) {
    DataDirectory dataDir = DataDirectory.from(settings);
    DatabaseSettings dbSettings = DatabaseSettings.from(settings, dataDir);
    Keys keys = Keys.from(settings, dataDir, dbSettings.kind() == DatabaseSettings.Kind.H2);
    Vertx vertx = Vertx.vertx();
    try {
      return new CliContext(
          settings, dataDir, keys, vertx, Database.open(vertx, dbSettings).await());
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  @Override
  public void close() {
    database.close();
    vertx.close().await();
  }
}

package dev.selam.server.cli;

import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.crypto.Keys;
import dev.selam.core.identity.IdentitySettings;
import dev.selam.core.identity.StaffIdentity;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.DatabaseSettings;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Staff identity opened by an admin command: the same settings, database and keys as the running
 * service, for as long as one command takes.
 */
final class CommandLineIdentity implements AutoCloseable {
  final DataDirectory dataDir;
  final StaffIdentity identity;
  private final Vertx vertx;
  private final Database database;

  private CommandLineIdentity(
      DataDirectory dataDir, StaffIdentity identity, Vertx vertx, Database database) {
    this.dataDir = dataDir;
    this.identity = identity;
    this.vertx = vertx;
    this.database = database;
  }

  static CommandLineIdentity open(Settings settings) {
    DataDirectory dataDir = DataDirectory.from(settings);
    DatabaseSettings dbSettings = DatabaseSettings.from(settings, dataDir);
    Keys keys = Keys.from(settings, dataDir, dbSettings.kind() == DatabaseSettings.Kind.H2);
    IdentitySettings identitySettings = IdentitySettings.from(settings);
    Vertx vertx = Vertx.vertx();
    try {
      Database database = Database.open(vertx, dbSettings).await();
      StaffIdentity identity =
          StaffIdentity.create(
              vertx, database.pool(), keys.cipher(), identitySettings, Clock.systemUTC());
      return new CommandLineIdentity(dataDir, identity, vertx, database);
    } catch (RuntimeException e) {
      vertx.close().await();
      throw e;
    }
  }

  Vertx vertx() {
    return vertx;
  }

  /** Who ran the command, for the audit log: the operating system's user. */
  static String actor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  @Override
  public void close() {
    database.close();
    vertx.close().await();
  }
}

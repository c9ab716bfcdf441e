package dev.selam.core.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL store: one Vert.x pool over JDBC for H2 and PostgreSQL alike, migrated by Flyway before
 * the first query.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  // Connections kept for recording what arrives (an update Telegram waits to hear was stored),
  // so that write never queues behind the ordinary work of the main pool.
  static final int INTAKE_POOL_SIZE = 2;

  private final DatabaseSettings settings;
  static final java.time.Duration CONNECTION_LIFETIME = java.time.Duration.ofSeconds(20);

  private final Pool pool;
  private final Pool intakePool;

  private Database(DatabaseSettings settings, Pool pool, Pool intakePool) {
    this.settings = settings;
    this.pool = pool;
    this.intakePool = intakePool;
  }

  /** Migrates the schema (on a worker thread) and opens the pool. */
  public static Future<Database> open(Vertx vertx, DatabaseSettings settings) {
    return vertx
        .executeBlocking(() -> migrate(settings), false)
        .map(
            result -> {
              log.atInfo()
                  .addKeyValue("event", "database.migrated")
                  .addKeyValue("database", settings.kind())
                  .addKeyValue("applied", result.migrationsExecuted)
                  .addKeyValue("version", result.targetSchemaVersion)
                  .log("database ready");
              PoolOptions poolOptions =
                  lifetime(settings, new PoolOptions().setMaxSize(settings.poolSize()));
              AutoCommitRestoringDataSource connections =
                  new AutoCommitRestoringDataSource(
                      settings.url(),
                      emptyToNull(settings.user()),
                      emptyToNull(settings.password()));
              return new Database(
                  settings,
                  JDBCPool.pool(vertx, connections, poolOptions),
                  JDBCPool.pool(
                      vertx,
                      connections,
                      lifetime(settings, new PoolOptions().setMaxSize(INTAKE_POOL_SIZE))));
            });
  }

  /**
   * The pool never learns that a JDBC connection died (a PostgreSQL restart, a failover): it would
   * hand out the dead connection forever. Replacing every connection after a while bounds how long
   * the service stays broken once the database is back. (H2 in a file cannot go away.)
   */
  private static PoolOptions lifetime(DatabaseSettings settings, PoolOptions options) {
    return settings.kind() == DatabaseSettings.Kind.H2
        ? options
        : options
            .setMaxLifetime((int) CONNECTION_LIFETIME.toSeconds())
            .setMaxLifetimeUnit(java.util.concurrent.TimeUnit.SECONDS);
  }

  static MigrateResult migrate(DatabaseSettings settings) {
    return Flyway.configure(Database.class.getClassLoader())
        .dataSource(settings.url(), emptyToNull(settings.user()), emptyToNull(settings.password()))
        .locations(locations(settings.kind()))
        .connectRetries(10)
        .load()
        .migrate();
  }

  /**
   * The migrations both databases run, and for H2 a folder of its own for settings PostgreSQL must
   * not get (its versions continue the shared numbering).
   */
  private static String[] locations(DatabaseSettings.Kind kind) {
    return kind == DatabaseSettings.Kind.H2
        ? new String[] {"classpath:db/migration", "classpath:db/h2"}
        : new String[] {"classpath:db/migration"};
  }

  public Pool pool() {
    return pool;
  }

  /**
   * A small pool of its own for storing what arrives from outside before acknowledging it: under
   * load the main pool is busy with handling, and a sender kept waiting for its acknowledgement
   * (Telegram) slows down or retries.
   */
  public Pool intakePool() {
    return intakePool;
  }

  /**
   * How many shared write transactions (group commits) should run at once. PostgreSQL waits on
   * round trips more than on the CPU, so four in flight handled about 1.4 times what two did. H2
   * stores, at every commit, each page changed since the last one, the unfinished work of the other
   * transactions included: there two in flight did better than four (WebhookBenchmark, 2026-12-08,
   * alternating runs: 1,408-1,963 against 1,266-1,522 a second).
   */
  public int parallelWriteTransactions() {
    return kind() == DatabaseSettings.Kind.H2 ? 2 : 4;
  }

  public DatabaseSettings.Kind kind() {
    return settings.kind();
  }

  /** True when a round trip to the database succeeds: what readiness reports. */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  @Override
  public void close() {
    pool.close();
    intakePool.close();
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}

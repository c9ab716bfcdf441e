package dev.selam.server.cluster;

import dev.selam.core.cluster.Lease;
import dev.selam.core.storage.DatabaseSettings;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease among replicas: a PostgreSQL session-level advisory lock, held on a connection of its
 * own. PostgreSQL releases it the moment that session ends, so a killed holder (its socket closed
 * by the kernel) frees it at once and another replica, trying every {@link #TRY_EVERY}, takes it
 * within about a second. A holder cut off from the database without dying is ended by the server's
 * TCP keepalives (about 11 s); the holder itself checks its session every {@link #TRY_EVERY} with a
 * short socket timeout, and stops its work as soon as a check fails, before the server can hand the
 * lock to someone else.
 */
public final class AdvisoryLockLease implements Lease {
  private static final Logger log = LoggerFactory.getLogger(AdvisoryLockLease.class);
  // "selam:lease" as a number: any constant works, as long as every replica uses the same one.
  static final long LOCK_KEY = 0x73656c616d4c6561L;
  static final Duration TRY_EVERY = Duration.ofSeconds(1);
  private static final int SOCKET_TIMEOUT_SECONDS = 3;

  private final DatabaseSettings database;
  private final Vertx vertx;
  private final AtomicBoolean held = new AtomicBoolean();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private Connection connection;

  private record Listener(Context context, Runnable gained, Runnable lost) {}

  private AdvisoryLockLease(Vertx vertx, DatabaseSettings database) {
    this.vertx = vertx;
    this.database = database;
    this.thread = Thread.ofPlatform().daemon().name("selam-lease").unstarted(this::run);
  }

  /** Starts trying for the lease at once; never blocks the caller. */
  public static AdvisoryLockLease start(Vertx vertx, DatabaseSettings database) {
    AdvisoryLockLease lease = new AdvisoryLockLease(vertx, database);
    lease.thread.start();
    return lease;
  }

  @Override
  public boolean held() {
    return held.get();
  }

  @Override
  public void whileHeld(Runnable gained, Runnable lost) {
    Listener listener = new Listener(vertx.getOrCreateContext(), gained, lost);
    listeners.add(listener);
    if (held.get()) {
      listener.context().runOnContext(v -> gained.run());
    }
  }

  private void run() {
    while (running) {
      try {
        step();
      } catch (SQLException e) {
        dropConnection(e);
      }
      try {
        Thread.sleep(TRY_EVERY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (held.compareAndSet(true, false)) {
      tell(false);
    }
    closeQuietly();
  }

  private void step() throws SQLException {
    if (connection == null) {
      connection = connect();
    }
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(SOCKET_TIMEOUT_SECONDS);
      if (held.get()) {
        statement.execute("SELECT 1"); // still our session, so still our lock
        return;
      }
      try (ResultSet result =
          statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
        if (result.next() && result.getBoolean(1) && running) {
          held.set(true);
          log.atInfo().addKeyValue("event", "lease.gained").log("this replica now holds the lease");
          tell(true);
        }
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (!database.user().isEmpty()) {
      properties.setProperty("user", database.user());
    }
    if (!database.password().isEmpty()) {
      properties.setProperty("password", database.password());
    }
    properties.setProperty("ApplicationName", "selam-lease");
    properties.setProperty("connectTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
    properties.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
    properties.setProperty("tcpKeepAlive", "true");
    // The server notices a vanished holder within idle + interval * count seconds.
    properties.setProperty(
        "options",
        "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3");
    return DriverManager.getConnection(database.url(), properties);
  }

  private void dropConnection(SQLException e) {
    closeQuietly();
    if (held.compareAndSet(true, false)) {
      log.atWarn()
          .addKeyValue("event", "lease.lost")
          .addKeyValue("error", e.getClass().getSimpleName())
          .log(
              "lost the database session holding the lease; stopping the work only one replica does");
      tell(false);
    } else {
      log.atDebug().addKeyValue("event", "lease.try_failed").log("could not ask for the lease");
    }
  }

  private void tell(boolean gained) {
    for (Listener listener : listeners) {
      listener.context().runOnContext(v -> (gained ? listener.gained() : listener.lost()).run());
    }
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the session is gone either way, and with it the lock
      }
      connection = null;
    }
  }

  /** Gives the lease up (the session ends, so another replica takes it within a second). */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

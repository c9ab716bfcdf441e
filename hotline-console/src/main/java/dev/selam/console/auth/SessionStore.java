package dev.selam.console.auth;

import dev.selam.core.identity.StaffAccounts;
import dev.selam.core.storage.SqlTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Console sessions in the database, so any replica can serve any request and a replica's loss signs
 * nobody out. A row holds the token's hash, never the token.
 */
public final class SessionStore {
  /**
   * Last-seen is written at most this often (and at most a tenth of the idle timeout): a busy
   * console does not write on every request.
   */
  private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(60);

  private final Pool pool;
  private final StaffAccounts accounts;
  private final SessionSettings settings;
  private final Clock clock;

  public SessionStore(Pool pool, StaffAccounts accounts, SessionSettings settings, Clock clock) {
    this.pool = pool;
    this.accounts = accounts;
    this.settings = settings;
    this.clock = clock;
  }

  /** A new session for {@code staffId}; the token goes into the cookie and nowhere else. */
  public Future<String> create(String staffId) {
    String token = SessionTokens.newToken();
    Instant now = clock.instant();
    return write(
            "INSERT INTO staff_session (token_hash, staff_id, created_at, last_seen_at,"
                + " expires_at) VALUES (?, ?, ?, ?, ?)",
            Tuple.of(
                SessionTokens.hash(token),
                staffId,
                SqlTime.utc(now),
                SqlTime.utc(now),
                SqlTime.utc(now.plus(settings.maxAge()))))
        .map(token);
  }

  /**
   * The live session for {@code token}, its idle clock restarted; empty when unknown, idle too
   * long, past its lifetime, or its account is disabled.
   */
  public Future<Optional<StaffSession>> find(String token) {
    String hash = SessionTokens.hash(token);
    Instant now = clock.instant();
    return pool.preparedQuery(
            "SELECT staff_id, last_seen_at, expires_at FROM staff_session WHERE token_hash = ?")
        .execute(Tuple.of(hash))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.succeededFuture(Optional.empty());
              }
              Row row = rows.iterator().next();
              Instant lastSeen = SqlTime.instant(row, "last_seen_at");
              Instant expires = SqlTime.instant(row, "expires_at");
              if (!now.isBefore(expires) || !now.isBefore(lastSeen.plus(settings.idleTimeout()))) {
                return end(hash).map(Optional.<StaffSession>empty());
              }
              return touch(hash, lastSeen, now)
                  .compose(ok -> accounts.find(row.getString("staff_id")))
                  .map(
                      account ->
                          account
                              .filter(a -> !a.disabled())
                              .map(a -> new StaffSession(hash, SessionTokens.csrfFor(token), a)));
            });
  }

  /**
   * Whether the session with this token hash is still live, without counting as activity: a live
   * socket re-checks its session with it, so a console left open still times out.
   */
  public Future<Boolean> isLive(String tokenHash) {
    Instant now = clock.instant();
    return pool.preparedQuery(
            "SELECT s.last_seen_at, s.expires_at, u.disabled FROM staff_session s"
                + " JOIN staff_user u ON u.id = s.staff_id WHERE s.token_hash = ?")
        .execute(Tuple.of(tokenHash))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return false;
              }
              Row row = rows.iterator().next();
              return !Boolean.TRUE.equals(row.getBoolean("disabled"))
                  && now.isBefore(SqlTime.instant(row, "expires_at"))
                  && now.isBefore(
                      SqlTime.instant(row, "last_seen_at").plus(settings.idleTimeout()));
            });
  }

  public Future<Void> end(String tokenHash) {
    return write("DELETE FROM staff_session WHERE token_hash = ?", Tuple.of(tokenHash)).mapEmpty();
  }

  /** Sign out everywhere. */
  public Future<Integer> endAll(String staffId) {
    return write("DELETE FROM staff_session WHERE staff_id = ?", Tuple.of(staffId));
  }

  /** Every session of {@code staffId} but the one asking (after a password change). */
  public Future<Integer> endOthers(String staffId, String keepTokenHash) {
    return write(
        "DELETE FROM staff_session WHERE staff_id = ? AND token_hash <> ?",
        Tuple.of(staffId, keepTokenHash));
  }

  /** Removes sessions that can no longer be used; any replica may run it at any time. */
  public Future<Integer> purgeExpired() {
    Instant now = clock.instant();
    return write(
        "DELETE FROM staff_session WHERE expires_at <= ? OR last_seen_at <= ?",
        Tuple.of(SqlTime.utc(now), SqlTime.utc(now.minus(settings.idleTimeout()))));
  }

  private Future<Void> touch(String hash, Instant lastSeen, Instant now) {
    Duration every = settings.idleTimeout().dividedBy(10);
    if (Duration.between(lastSeen, now)
            .compareTo(every.compareTo(TOUCH_INTERVAL) < 0 ? every : TOUCH_INTERVAL)
        < 0) {
      return Future.succeededFuture();
    }
    return write(
            "UPDATE staff_session SET last_seen_at = ? WHERE token_hash = ?",
            Tuple.of(SqlTime.utc(now), hash))
        .mapEmpty();
  }

  /**
   * Every write in a transaction of its own: the Vert.x 5.0 JDBC pool leaves a connection out of
   * auto-commit after its first transaction, so a bare write could stay uncommitted.
   */
  private Future<Integer> write(String sql, Tuple params) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql).execute(params))
        .map(rows -> rows.rowCount());
  }
}

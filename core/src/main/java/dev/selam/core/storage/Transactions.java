package dev.selam.core.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Function;

/**
 * A transaction retried when the database gave up waiting for a lock or chose it as a deadlock
 * victim: what happens when replicas serialise on one row, as audit appends do.
 *
 * <p>Write in a transaction, always: the Vert.x 5.0 JDBC pool sets a connection's auto-commit to
 * false when a transaction ends and never back, so a later write outside a transaction on that
 * connection stays uncommitted (invisible to others, holding its locks) until its next transaction.
 */
public final class Transactions {
  private static final int ATTEMPTS = 8;

  /** Serialization failure, deadlock, lock not available (PostgreSQL); lock timeout (H2). */
  private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01", "55P03", "HYT00");

  private static final int H2_LOCK_TIMEOUT = 50200;
  private static final int H2_DEADLOCK = 40001;

  private Transactions() {}

  public static <T> Future<T> withRetry(Pool pool, Function<SqlConnection, Future<T>> work) {
    return attempt(pool, work, 1);
  }

  private static <T> Future<T> attempt(
      Pool pool, Function<SqlConnection, Future<T>> work, int attempt) {
    return pool.withTransaction(work)
        .recover(
            failure ->
                attempt < ATTEMPTS && retryable(failure)
                    ? attempt(pool, work, attempt + 1)
                    : Future.failedFuture(failure));
  }

  static boolean retryable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (RETRYABLE_STATES.contains(sql.getSQLState())
              || sql.getErrorCode() == H2_LOCK_TIMEOUT
              || sql.getErrorCode() == H2_DEADLOCK)) {
        return true;
      }
    }
    return false;
  }
}

package dev.selam.core.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Many small writes, one transaction: while a batch commits, the writes submitted meanwhile wait
 * and then commit together ({@link Batcher}). A lone write commits at once (no timer), so latency
 * stays that of one commit while throughput under load is no longer bound by one commit per write;
 * every write is confirmed only after its batch committed.
 *
 * <p>Up to {@code parallelBatches} batches are in flight at once (each on its own connection), so a
 * slow batch does not stall the writes behind it. With {@code isolateFailures}, a batch that fails
 * is written again item by item, each in its own transaction, so one bad item fails alone instead
 * of taking the writes that happened to share its commit with it.
 *
 * @param <T> what a write needs
 * @param <R> what a write answers (one per item, in order)
 */
public final class GroupCommit<T, R> {
  private final Batcher<T, R> batcher;

  /**
   * One batch at a time; a failed batch fails all its items.
   *
   * @param write writes a batch in the given transaction and answers one result per item, in order
   */
  public GroupCommit(
      Pool pool, int maxBatch, BiFunction<SqlConnection, List<T>, Future<List<R>>> write) {
    this(pool, maxBatch, 1, false, write);
  }

  public GroupCommit(
      Pool pool,
      int maxBatch,
      int parallelBatches,
      boolean isolateFailures,
      BiFunction<SqlConnection, List<T>, Future<List<R>>> write) {
    this.batcher =
        new Batcher<>(
            maxBatch,
            parallelBatches,
            isolateFailures,
            items -> pool.withTransaction(tx -> write.apply(tx, items)));
  }

  /** Completes, on the caller's context, once the item's batch is committed (or failed). */
  public Future<R> submit(T item) {
    return batcher.submit(item);
  }
}

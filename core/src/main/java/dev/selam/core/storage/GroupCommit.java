package dev.selam.core.storage;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Many small writes, one transaction: while a batch commits, the writes submitted meanwhile wait
 * and then commit together. A lone write commits at once (no timer), so latency stays that of one
 * commit while throughput under load is no longer bound by one commit per write; every write is
 * confirmed only after its batch committed.
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
  private record Pending<T, R>(T item, Promise<R> promise, Context caller) {}

  private final Pool pool;
  private final int maxBatch;
  private final int parallelBatches;
  private final boolean isolateFailures;
  private final BiFunction<SqlConnection, List<T>, Future<List<R>>> write;
  private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
  private int inFlight;

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
    if (maxBatch < 1 || parallelBatches < 1) {
      throw new IllegalArgumentException("batch size and parallel batches must be at least 1");
    }
    this.pool = pool;
    this.maxBatch = maxBatch;
    this.parallelBatches = parallelBatches;
    this.isolateFailures = isolateFailures;
    this.write = write;
  }

  /** Completes, on the caller's context, once the item's batch is committed (or failed). */
  public Future<R> submit(T item) {
    Promise<R> promise = Promise.promise();
    boolean start;
    synchronized (this) {
      queue.add(new Pending<>(item, promise, Vertx.currentContext()));
      start = inFlight < parallelBatches;
      if (start) {
        inFlight++;
      }
    }
    if (start) {
      flush();
    }
    return promise.future();
  }

  /** Writes the next batch, then the next, until the queue is empty; then gives its slot back. */
  private void flush() {
    List<Pending<T, R>> batch = new ArrayList<>();
    synchronized (this) {
      while (!queue.isEmpty() && batch.size() < maxBatch) {
        batch.add(queue.poll());
      }
      if (batch.isEmpty()) {
        inFlight--;
        return;
      }
    }
    List<T> items = batch.stream().map(Pending::item).toList();
    inTransaction(items)
        .onComplete(
            result -> {
              if (result.failed() && isolateFailures && batch.size() > 1) {
                for (Pending<T, R> pending : batch) {
                  inTransaction(List.of(pending.item()))
                      .map(results -> results.get(0))
                      .onComplete(alone -> complete(pending, alone));
                }
              } else {
                for (int i = 0; i < batch.size(); i++) {
                  complete(
                      batch.get(i),
                      result.succeeded()
                          ? Future.succeededFuture(result.result().get(i))
                          : Future.failedFuture(result.cause()));
                }
              }
              flush();
            });
  }

  private Future<List<R>> inTransaction(List<T> items) {
    Future<List<R>> written;
    try {
      written = pool.withTransaction(tx -> write.apply(tx, items));
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    return written.compose(
        results ->
            results.size() == items.size()
                ? Future.succeededFuture(results)
                : Future.failedFuture(
                    new IllegalStateException(
                        results.size() + " results for a batch of " + items.size())));
  }

  private static <T, R> void complete(Pending<T, R> pending, AsyncResult<R> result) {
    Runnable complete =
        () -> {
          if (result.succeeded()) {
            pending.promise().complete(result.result());
          } else {
            pending.promise().fail(result.cause());
          }
        };
    if (pending.caller() != null) {
      pending.caller().runOnContext(v -> complete.run());
    } else {
      complete.run();
    }
  }
}

package dev.selam.core.storage;

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
 * Many small writes, one transaction: while one batch commits, the writes submitted meanwhile wait
 * and then commit together. A lone write commits at once (no timer), so latency stays that of one
 * commit while throughput under load is no longer bound by one commit per write; every write is
 * confirmed only after its batch committed.
 *
 * @param <T> what a write needs
 * @param <R> what a write answers (one per item, in order)
 */
public final class GroupCommit<T, R> {
  private record Pending<T, R>(T item, Promise<R> promise, Context caller) {}

  private final Pool pool;
  private final int maxBatch;
  private final BiFunction<SqlConnection, List<T>, Future<List<R>>> write;
  private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
  private boolean flushing;

  /**
   * @param write writes a batch in the given transaction and answers one result per item, in order
   */
  public GroupCommit(
      Pool pool, int maxBatch, BiFunction<SqlConnection, List<T>, Future<List<R>>> write) {
    this.pool = pool;
    this.maxBatch = maxBatch;
    this.write = write;
  }

  /** Completes, on the caller's context, once the item's batch is committed (or failed). */
  public Future<R> submit(T item) {
    Promise<R> promise = Promise.promise();
    boolean start;
    synchronized (this) {
      queue.add(new Pending<>(item, promise, Vertx.currentContext()));
      start = !flushing;
      flushing |= start;
    }
    if (start) {
      flush();
    }
    return promise.future();
  }

  private void flush() {
    List<Pending<T, R>> batch = new ArrayList<>();
    synchronized (this) {
      while (!queue.isEmpty() && batch.size() < maxBatch) {
        batch.add(queue.poll());
      }
      if (batch.isEmpty()) {
        flushing = false;
        return;
      }
    }
    List<T> items = batch.stream().map(Pending::item).toList();
    Future<List<R>> written;
    try {
      written = pool.withTransaction(tx -> write.apply(tx, items));
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written
        .compose(
            results ->
                results.size() == items.size()
                    ? Future.succeededFuture(results)
                    : Future.<List<R>>failedFuture(
                        new IllegalStateException(
                            results.size() + " results for a batch of " + items.size())))
        .onComplete(
            result -> {
              for (int i = 0; i < batch.size(); i++) {
                Pending<T, R> pending = batch.get(i);
                int index = i;
                Runnable complete =
                    () -> {
                      if (result.succeeded()) {
                        pending.promise().complete(result.result().get(index));
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
              flush();
            });
  }
}

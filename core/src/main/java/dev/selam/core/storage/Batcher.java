package dev.selam.core.storage;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Many small requests, one call: while a batch runs, the requests submitted meanwhile wait and then
 * run together. A lone request runs at once (no timer), so latency stays that of one call while
 * under load the cost per call (a round trip, a commit) is shared by a whole batch.
 *
 * <p>Up to {@code parallelBatches} batches are in flight at once, so a slow batch does not stall
 * the requests behind it. With {@code isolateFailures}, a batch that fails runs again item by item,
 * so one bad item fails alone instead of taking the requests that happened to share its batch with
 * it.
 *
 * @param <T> what a request needs
 * @param <R> what a request answers (one per item, in order)
 */
public final class Batcher<T, R> {
  private record Pending<T, R>(T item, Promise<R> promise, Context caller) {}

  private final int maxBatch;
  private final int parallelBatches;
  private final boolean isolateFailures;
  private final Function<List<T>, Future<List<R>>> run;
  private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param run runs a batch and answers one result per item, in order
   */
  public Batcher(
      int maxBatch,
      int parallelBatches,
      boolean isolateFailures,
      Function<List<T>, Future<List<R>>> run) {
    if (maxBatch < 1 || parallelBatches < 1) {
      throw new IllegalArgumentException("batch size and parallel batches must be at least 1");
    }
    this.maxBatch = maxBatch;
    this.parallelBatches = parallelBatches;
    this.isolateFailures = isolateFailures;
    this.run = run;
  }

  /** Completes, on the caller's context, once the item's batch has run (or failed). */
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
      next();
    }
    return promise.future();
  }

  /** Runs the next batch, then the next, until the queue is empty; then gives its slot back. */
  private void next() {
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
    runSafely(items)
        .onComplete(
            result -> {
              if (result.failed() && isolateFailures && batch.size() > 1) {
                for (Pending<T, R> pending : batch) {
                  runSafely(List.of(pending.item()))
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
              next();
            });
  }

  private Future<List<R>> runSafely(List<T> items) {
    Future<List<R>> results;
    try {
      results = run.apply(items);
    } catch (RuntimeException e) {
      results = Future.failedFuture(e);
    }
    return results.compose(
        answered ->
            answered.size() == items.size()
                ? Future.succeededFuture(answered)
                : Future.failedFuture(
                    new IllegalStateException(
                        answered.size() + " results for a batch of " + items.size())));
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

package dev.selam.bot.telegram;

import dev.selam.bot.channel.HandledMark;
import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.TrackedMark;
import dev.selam.core.inbound.InboundUpdates;
import dev.selam.core.inbound.InboundUpdates.Outcome;
import dev.selam.core.inbound.UpdateReceipts;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored updates on: one at a time per chat in update id order, different chats in parallel
 * (up to a limit), each marked handled in the handler's own transaction (or, for a handler that
 * stores nothing, after its future succeeds). A failing handler is retried with backoff, holding
 * back that chat only; after {@code maxAttempts} the update is marked failed (kept for operators)
 * so one poisonous message cannot silence a person for good.
 *
 * <p>Memory holds at most {@code maxQueued} updates. Beyond that, new updates stay in the database
 * only and a sweep reads them back in order once there is room; the same sweep recovers everything
 * left unhandled by a crash. Until the first sweep has run, and while any sweep is under way, a new
 * update is read back with the rest rather than handled at once, so it cannot overtake an older one
 * of its chat left by a crash or stored by another replica. All state lives on one Vert.x context.
 *
 * <p>Among replicas only the lease holder handles updates (one at a time per chat holds only if one
 * process orders them): the others {@link #follow()}, storing what their webhook receives and
 * telling the holder on the event bus, whose processor then sweeps it up.
 */
final class UpdateProcessor {
  private static final Logger log = LoggerFactory.getLogger(UpdateProcessor.class);
  private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

  /** Published (clustered) by a replica that stored an update it does not handle itself. */
  static final String STORED_ELSEWHERE = "selam.telegram.update_stored";

  private static final Duration STORE_RETRY_MAX = Duration.ofSeconds(30);
  // A stored update that cannot be read back (its key is gone): kept as failed for operators.
  private static final String UNREADABLE = "unreadable";

  /** Limits of the processor. */
  record Policy(int maxQueued, int maxConcurrent, int maxAttempts, Duration retryBase) {
    static Policy defaults() {
      return new Policy(20_000, 64, 8, Duration.ofSeconds(1));
    }

    Duration retryDelay(int attempt) {
      long millis = retryBase.toMillis() << Math.min(attempt - 1, 6);
      return Duration.ofMillis(Math.min(millis, 60_000));
    }
  }

  private static final class Item {
    final long updateId;
    final UpdateRoute route;
    int attempts;
    boolean answered;

    Item(long updateId, UpdateRoute route, int attempts) {
      this.updateId = updateId;
      this.route = route;
      this.attempts = attempts;
    }
  }

  private static final class Chat {
    final String key;
    final TreeMap<Long, Item> pending = new TreeMap<>();
    boolean active;

    Chat(String key) {
      this.key = key;
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final InboundUpdates updates;
  private final UpdateReceipts receipts;
  private final InboundHandler handler;
  private final GroupRule groups;
  private final CallbackAnswers answers;
  private final Runnable afterHandled;
  private final Policy policy;
  private final Clock clock;

  private final Map<String, Chat> chats = new HashMap<>();
  private final ArrayDeque<Chat> ready = new ArrayDeque<>();
  private final Set<Long> known = new HashSet<>();
  private int active;
  private boolean overflow;
  private long dropped;
  private boolean sweeping;
  private boolean sweepAgain;
  // Finished while a sweep's query was out: its rows may predate the finish, so skip these.
  private final Set<Long> finishedDuringSweep = new HashSet<>();
  private boolean running = true;
  // Until a sweep has read back what waits in the database (after a crash, or on taking the lease),
  // a newly stored update could overtake an older one of its chat: it is read back with them.
  private boolean recovered;
  private long sweepTimer = -1;
  private Promise<Void> drained;

  UpdateProcessor(
      Vertx vertx,
      InboundUpdates updates,
      InboundHandler handler,
      GroupRule groups,
      CallbackAnswers answers,
      Runnable afterHandled,
      Policy policy,
      Clock clock) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.updates = updates;
    this.receipts = new UpdateReceipts(clock);
    this.handler = handler;
    this.groups = groups;
    this.answers = answers;
    this.afterHandled = afterHandled;
    this.policy = policy;
    this.clock = clock;
    vertx
        .eventBus()
        .consumer(STORED_ELSEWHERE, m -> context.runOnContext(v -> sweep()))
        .exceptionHandler(e -> {});
  }

  /** Recovers what a previous run left unhandled, then keeps sweeping now and then. */
  Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(
        v -> {
          running = true;
          recovered = false;
          if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
          }
          sweepTimer = vertx.setPeriodic(SWEEP_INTERVAL.toMillis(), id -> sweep());
          sweep().onComplete(started);
        });
    return started.future();
  }

  /**
   * A newly stored update, to be handled in its chat's turn; when following, the lease holder is
   * told instead. Any thread.
   */
  void accept(long updateId, UpdateRoute route) {
    context.runOnContext(
        v -> {
          if (running && recovered && !sweeping) {
            enqueue(updateId, route, 0, true);
          } else if (running) {
            // Stored already: read back in order behind what waited before it (a sweep under way
            // may be bringing in an older update of the same chat, stored by another replica).
            sweep();
          } else {
            vertx.eventBus().publish(STORED_ELSEWHERE, null);
          }
        });
  }

  /**
   * Another replica handles updates now: start nothing new and forget what waits in memory (it is
   * stored, unhandled, for the holder's sweep). Handlers running now finish.
   */
  void follow() {
    context.runOnContext(
        v -> {
          running = false;
          if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
            sweepTimer = -1;
          }
          chats.clear();
          ready.clear();
          known.clear();
          overflow = false;
        });
  }

  /** Stops taking work; completes when the handlers running now are done (or after a while). */
  Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(
        v -> {
          running = false;
          if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
          }
          if (active == 0) {
            stopped.complete();
            return;
          }
          drained = Promise.promise();
          drained.future().timeout(10, TimeUnit.SECONDS).otherwiseEmpty().onComplete(stopped);
        });
    return stopped.future();
  }

  /** How many updates wait in memory: for tests and metrics. */
  Future<Integer> queued() {
    Promise<Integer> size = Promise.promise();
    context.runOnContext(v -> size.complete(known.size()));
    return size.future();
  }

  private void enqueue(long updateId, UpdateRoute route, int attempts, boolean fresh) {
    if (!running || known.contains(updateId)) {
      return;
    }
    if (fresh && (overflow || known.size() >= policy.maxQueued())) {
      // Stored already: a sweep reads it back in order when there is room.
      overflow = true;
      dropped++;
      return;
    }
    known.add(updateId);
    Chat chat = chats.computeIfAbsent(route.chatKey(), Chat::new);
    chat.pending.put(updateId, new Item(updateId, route, attempts));
    if (!chat.active && chat.pending.size() == 1) {
      ready.add(chat);
    }
    pump();
  }

  private void pump() {
    while (running && active < policy.maxConcurrent() && !ready.isEmpty()) {
      Chat chat = ready.poll();
      if (chat.active || chat.pending.isEmpty()) {
        continue;
      }
      chat.active = true;
      active++;
      Item item = chat.pending.firstEntry().getValue();
      here(process(item))
          .onComplete(
              done -> {
                chat.active = false;
                active--;
                chat.pending.remove(item.updateId);
                known.remove(item.updateId);
                if (sweeping) {
                  finishedDuringSweep.add(item.updateId);
                }
                if (!chat.pending.isEmpty()) {
                  ready.add(chat);
                } else {
                  chats.remove(chat.key);
                }
                if (!running && active == 0 && drained != null) {
                  drained.tryComplete();
                }
                if (overflow && known.size() < policy.maxQueued() / 2) {
                  sweep();
                }
                pump();
              });
    }
  }

  /** Handles one update to the end: handled, told (a group), or failed. Never fails itself. */
  private Future<Void> process(Item item) {
    if (item.route.callbackId() != null && !item.answered) {
      item.answered = true;
      answers.answer(item.route.callbackId());
    }
    return switch (item.route) {
      case UpdateRoute.Person person -> handle(item, person);
      case UpdateRoute.Group group ->
          here(retrying(() -> groups.apply(group).mapEmpty()))
              .compose(told -> finish(item, Outcome.GROUP));
      case UpdateRoute.Ignored ignored ->
          finish(item, ignored.kind().equals(UNREADABLE) ? Outcome.FAILED : Outcome.IGNORED);
    };
  }

  private Future<Void> handle(Item item, UpdateRoute.Person person) {
    // The handler marks the update handled in its own transaction; one that stores nothing does
    // not, and is marked here after it succeeded.
    TrackedMark mark =
        new TrackedMark(HandledMark.storedUpdate(receipts, UpdateRoute.CHANNEL, item.updateId));
    Future<Void> handled;
    try {
      handled = handler.handle(person.message().withHandledMark(mark));
    } catch (RuntimeException e) {
      handled = Future.failedFuture(e);
    }
    return here(handled)
        .compose(
            ok -> {
              afterHandled.run();
              return mark.used() ? Future.succeededFuture() : finish(item, Outcome.HANDLED);
            },
            e -> {
              item.attempts++;
              log.atWarn()
                  .addKeyValue("event", "inbound.handler_failed")
                  .addKeyValue("update", item.updateId)
                  .addKeyValue("attempt", item.attempts)
                  .addKeyValue("error", e.getClass().getSimpleName())
                  .log("handler failed");
              if (!running) {
                return Future.succeededFuture(); // left unhandled: the next start retries it
              }
              if (item.attempts >= policy.maxAttempts()) {
                log.atError()
                    .addKeyValue("event", "inbound.gave_up")
                    .addKeyValue("update", item.updateId)
                    .addKeyValue("attempts", item.attempts)
                    .log("handler kept failing; the update is kept as failed for operators");
                return finish(item, Outcome.FAILED);
              }
              updates.countAttempt(UpdateRoute.CHANNEL, item.updateId);
              Promise<Void> later = Promise.promise();
              vertx.setTimer(
                  policy.retryDelay(item.attempts).toMillis(),
                  id -> {
                    if (running) {
                      handle(item, person).onComplete(later);
                    } else {
                      later.complete();
                    }
                  });
              return later.future();
            });
  }

  private Future<Void> finish(Item item, Outcome outcome) {
    return here(retrying(() -> updates.finish(UpdateRoute.CHANNEL, item.updateId, outcome)));
  }

  /**
   * Repeats a database write until it succeeds, while running: the chat waits meanwhile, so its
   * order holds. Stopped, it gives up quietly; the update stays unhandled for the next start.
   */
  private Future<Void> retrying(Supplier<Future<Void>> write) {
    Promise<Void> done = Promise.promise();
    attempt(write, Duration.ofMillis(250), done);
    return done.future();
  }

  private void attempt(Supplier<Future<Void>> write, Duration wait, Promise<Void> done) {
    write
        .get()
        .onComplete(
            result -> {
              if (result.succeeded() || !running) {
                done.tryComplete();
                return;
              }
              log.atWarn()
                  .addKeyValue("event", "inbound.store_failed")
                  .addKeyValue("error", result.cause().getClass().getSimpleName())
                  .log("could not record an update; will try again");
              Duration next = wait.multipliedBy(2);
              vertx.setTimer(
                  wait.toMillis(),
                  id ->
                      attempt(
                          write,
                          next.compareTo(STORE_RETRY_MAX) > 0 ? STORE_RETRY_MAX : next,
                          done));
            });
  }

  /** Reads unhandled updates back from the database, oldest first, as far as memory allows. */
  private Future<Void> sweep() {
    if (!running) {
      return Future.succeededFuture();
    }
    if (sweeping) {
      sweepAgain = true;
      return Future.succeededFuture();
    }
    int room = policy.maxQueued() - known.size();
    if (room <= 0) {
      return Future.succeededFuture();
    }
    sweeping = true;
    finishedDuringSweep.clear();
    long droppedBefore = dropped;
    int limit = known.size() + room;
    return here(updates.unhandled(UpdateRoute.CHANNEL, limit))
        .map(
            rows -> {
              for (InboundUpdates.Pending row : rows) {
                if (!known.contains(row.updateId())
                    && !finishedDuringSweep.contains(row.updateId())) {
                  enqueue(row.updateId(), routeOf(row), row.attempts(), false);
                }
              }
              if (rows.size() < limit && dropped == droppedBefore) {
                overflow = false;
              }
              recovered = true;
              return rows.size() >= limit || dropped != droppedBefore;
            })
        .otherwise(
            e -> {
              log.atWarn()
                  .addKeyValue("event", "inbound.sweep_failed")
                  .addKeyValue("error", e.getClass().getSimpleName())
                  .log("could not read unhandled updates; will try again");
              return false;
            })
        .compose(
            more -> {
              sweeping = false;
              finishedDuringSweep.clear();
              if (sweepAgain || (more && overflow && known.size() < policy.maxQueued())) {
                sweepAgain = false;
                return sweep();
              }
              return Future.succeededFuture();
            });
  }

  private UpdateRoute routeOf(InboundUpdates.Pending row) {
    if (row.payload() == null) {
      return new UpdateRoute.Ignored(UNREADABLE);
    }
    try {
      return UpdateRoute.of(UpdateReader.read(row.payload()), clock.instant());
    } catch (UpdateReader.MalformedUpdateException e) {
      return new UpdateRoute.Ignored(UNREADABLE);
    }
  }

  /** Continues on this processor's context, whichever thread completed {@code future}. */
  private <T> Future<T> here(Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete((AsyncResult<T> result) -> context.runOnContext(v -> promise.handle(result)));
    return promise.future();
  }
}

package dev.selam.bot.dispatch;

import dev.selam.bot.channel.OutboundCodec;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.core.events.EventAddresses;
import dev.selam.core.outbox.OutboxStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due outbox rows of one channel: per contact strictly in order, one at a time and at most
 * one per {@link DispatchPolicy#perChatInterval}; at most {@link DispatchPolicy#perSecond} for the
 * bot; transient failures retried with exponential backoff and jitter; a rate limit's wait honoured
 * for the chat, and for the bot when several chats are limited at once; refusals and blocked
 * contacts recorded for good.
 *
 * <p>Nothing is marked before it is sent: after a crash every pending row is sent again, so a
 * duplicate is possible only for a row that was in flight. All state lives on one Vert.x context;
 * the clock decides pacing, so tests drive {@link #dispatchOnce()} with a clock of their own.
 */
public final class OutboxDispatcher {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final Duration STORE_RETRY_MAX = Duration.ofSeconds(30);
  private static final Duration MIN_ROUND_GAP = Duration.ofMillis(100);
  private static final Duration BACKLOG_RESCAN = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final Context context;
  private final OutboxStore store;
  private final String channel;
  private final ChannelSender sender;
  private final DispatchPolicy policy;
  private final Clock clock;
  private final RandomGenerator random;

  private final SendWindow window;
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, Instant> lastSend = new HashMap<>();
  private final Map<String, Instant> rateLimitedUntil = new HashMap<>();
  private final List<Future<Void>> settling = new ArrayList<>();
  private List<OutboxStore.Entry> cachedHeads = new ArrayList<>();

  /**
   * Rows settled (sent, failed or put back for later) since the newest look at the outbox began, by
   * the number of their settling. A look that was under way while a row settled may still carry it
   * as due: such a row is not started again.
   */
  private final Map<String, Long> settledSince = new HashMap<>();

  private long settlings;
  private Instant lastScan = Instant.MIN;
  private boolean lastScanFull;
  private Duration rescanAfter = BACKLOG_RESCAN;
  private Instant globalPauseUntil = Instant.MIN;
  private boolean running;
  private boolean roundActive;
  private boolean roundRequested;
  private long timerId = -1;
  private long roundTimer = -1;
  private long lastRoundStart = System.nanoTime() - MIN_ROUND_GAP.toNanos();

  /** What one round did: how many sends it started, and when they are all recorded. */
  public record Round(int started, Future<Void> settled) {}

  public OutboxDispatcher(
      Vertx vertx,
      OutboxStore store,
      String channel,
      ChannelSender sender,
      DispatchPolicy policy,
      Clock clock,
      RandomGenerator random) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.store = store;
    this.channel = channel;
    this.sender = sender;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    this.window = new SendWindow(policy.perSecond(), Duration.ofSeconds(1));
  }

  /** Starts looking at the outbox every poll interval (and whenever woken). */
  public void start() {
    context.runOnContext(
        v -> {
          if (running) {
            return;
          }
          running = true;
          timerId = vertx.setPeriodic(policy.pollInterval().toMillis(), id -> requestRound());
          requestRound();
        });
  }

  /** Something was enqueued: look now rather than at the next tick. */
  public void wake() {
    context.runOnContext(v -> requestRound());
  }

  /** Stops starting sends; completes when the sends in flight are recorded (or after a while). */
  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(
        v -> {
          running = false;
          if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
          }
          Future.join(List.copyOf(settling))
              .<Void>mapEmpty()
              .otherwiseEmpty()
              .timeout(
                  policy.sendTimeout().toMillis() + 1_000,
                  java.util.concurrent.TimeUnit.MILLISECONDS)
              .otherwiseEmpty()
              .onComplete(stopped);
        });
    return stopped.future();
  }

  /**
   * One round now: the due rows are looked at once and every send that pacing allows at the clock's
   * current time is started. For tests and benchmarks; the running dispatcher calls it itself.
   */
  public Future<Round> dispatchOnce() {
    Promise<Round> done = Promise.promise();
    context.runOnContext(v -> round().onComplete(done));
    return done.future();
  }

  /**
   * Runs a round now, or as soon as the last one is done and {@link #MIN_ROUND_GAP} has passed:
   * under load every handled message wakes the dispatcher, and back-to-back rounds would spend the
   * database on looking at the outbox rather than on writing it.
   */
  private void requestRound() {
    if (!running) {
      return;
    }
    if (roundActive || roundTimer >= 0) {
      roundRequested = true;
      return;
    }
    long sinceLast = (System.nanoTime() - lastRoundStart) / 1_000_000;
    if (sinceLast < MIN_ROUND_GAP.toMillis()) {
      roundTimer =
          vertx.setTimer(
              MIN_ROUND_GAP.toMillis() - sinceLast,
              id -> {
                roundTimer = -1;
                requestRound();
              });
      return;
    }
    roundActive = true;
    roundRequested = false;
    lastRoundStart = System.nanoTime();
    round()
        .onComplete(
            ignored -> {
              roundActive = false;
              if (roundRequested) {
                requestRound();
              }
            });
  }

  private Future<Round> round() {
    Instant now = clock.instant();
    if (now.isBefore(globalPauseUntil) || !window.hasFree(now)) {
      // Nothing could be sent now; the answers that free slots ask for the next round.
      return Future.succeededFuture(new Round(0, Future.succeededFuture()));
    }
    forgetOldPacing(now);
    return heads(now)
        .map(entries -> startSends(entries, now))
        .recover(
            e -> {
              log.atWarn()
                  .addKeyValue("event", "dispatch.claim_failed")
                  .addKeyValue("channel", channel)
                  .addKeyValue("error", e.getClass().getSimpleName())
                  .log("could not read the outbox; will try again");
              return Future.succeededFuture(new Round(0, Future.succeededFuture()));
            });
  }

  /**
   * The contacts' oldest due rows. Looking for them costs a pass over every pending row; with a
   * backlog (a full batch came back) the last answer serves the following rounds for at least
   * {@link #BACKLOG_RESCAN}, longer when that look took long, so looking costs at most a fifth of
   * the time; Telegram's limits allow only a few dozen sends a second anyway. A row started is
   * dropped from it, so it cannot be sent twice.
   */
  private Future<List<OutboxStore.Entry>> heads(Instant now) {
    if (lastScanFull && now.isBefore(lastScan.plus(rescanAfter)) && !cachedHeads.isEmpty()) {
      return Future.succeededFuture(List.copyOf(cachedHeads));
    }
    long started = System.nanoTime();
    long settledBefore = settlings;
    return store
        .due(channel, now, policy.batch())
        .map(
            all -> {
              // What settled before this look began, the look saw as settled.
              settledSince.values().removeIf(settling -> settling <= settledBefore);
              List<OutboxStore.Entry> entries =
                  all.stream().filter(e -> !settledSince.containsKey(e.id())).toList();
              long took = System.nanoTime() - started;
              // A long look at a big backlog is repeated less often: at most a fifth of the time.
              rescanAfter = max(BACKLOG_RESCAN, Duration.ofNanos(took).multipliedBy(5));
              lastScan = now;
              lastScanFull = all.size() >= policy.batch();
              cachedHeads = new ArrayList<>(entries);
              return entries;
            });
  }

  private Round startSends(List<OutboxStore.Entry> entries, Instant now) {
    List<Future<Void>> sends = new ArrayList<>();
    for (OutboxStore.Entry entry : entries) {
      String contact = entry.contactId();
      if (inFlight.contains(contact) || paced(contact, now)) {
        continue;
      }
      SendWindow.Slot slot = window.tryAcquire(now);
      if (slot == null) {
        break;
      }
      inFlight.add(contact);
      cachedHeads.remove(entry);
      Future<Void> settled =
          send(entry)
              .compose(
                  delivery -> {
                    // Paced from the answer, not the start: Telegram saw the call before that.
                    Instant answered = clock.instant();
                    slot.release(answered);
                    lastSend.put(contact, answered);
                    return settle(entry, delivery);
                  });
      settling.add(settled);
      settled.onComplete(
          ignored -> {
            settledSince.put(entry.id(), ++settlings);
            cachedHeads.removeIf(head -> head.id().equals(entry.id()));
            settling.remove(settled);
            inFlight.remove(contact);
            // Its slot and its chat are free a pacing interval after the answer: look then.
            if (running) {
              vertx.setTimer(policy.perChatInterval().toMillis() + 1, id -> requestRound());
            }
          });
      sends.add(settled);
    }
    return new Round(sends.size(), Future.join(sends).mapEmpty());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private boolean paced(String contact, Instant now) {
    Instant last = lastSend.get(contact);
    return last != null && now.isBefore(last.plus(policy.perChatInterval()));
  }

  private void forgetOldPacing(Instant now) {
    Instant horizon = now.minus(policy.perChatInterval());
    lastSend.values().removeIf(last -> last.isBefore(horizon));
    rateLimitedUntil.values().removeIf(until -> !until.isAfter(now));
  }

  /** A sent message that asked to be deleted again after a while, and after how long. */
  private static Optional<Duration> deleteAfter(
      OutboxStore.Entry entry, Delivery.Delivered delivered) {
    if (!OutboundCodec.SEND_MESSAGE.equals(entry.kind()) || delivered.channelMessageId() == null) {
      return Optional.empty();
    }
    try {
      return OutboundCodec.decode(entry.kind(), entry.payload()) instanceof OutboundMessage.Text t
          ? Optional.ofNullable(t.deleteAfter())
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static OutboxStore.NewEntry deletion(OutboxStore.Entry entry, long channelMessageId) {
    OutboundCodec.Row row =
        OutboundCodec.encode(new OutboundMessage.DeleteMessages(List.of(channelMessageId))).get(0);
    return new OutboxStore.NewEntry(
        entry.contactId(),
        entry.conversationId(),
        null,
        entry.channel(),
        row.kind(),
        row.payload());
  }

  /** One call to the channel, bounded by the send timeout; never a failed future. */
  private Future<Delivery> send(OutboxStore.Entry entry) {
    Future<Delivery> call;
    try {
      call = sender.send(entry);
    } catch (RuntimeException e) {
      call = Future.failedFuture(e);
    }
    return call.timeout(policy.sendTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .recover(
            e ->
                Future.succeededFuture(
                    e instanceof java.util.concurrent.TimeoutException
                        ? new Delivery.Transient("timeout")
                        : new Delivery.Transient(e.getClass().getSimpleName())));
  }

  private Future<Void> settle(OutboxStore.Entry entry, Delivery delivery) {
    Instant now = clock.instant();
    return switch (delivery) {
      case Delivery.Delivered delivered -> {
        log.atDebug()
            .addKeyValue("event", "dispatch.sent")
            .addKeyValue("outbox", entry.id())
            .addKeyValue("kind", entry.kind())
            .log("sent");
        Optional<Duration> deleteAfter = deleteAfter(entry, delivered);
        if (deleteAfter.isPresent()) {
          yield announced(
              entry,
              "sent",
              persist(
                  () ->
                      store.markSent(
                          entry,
                          delivered.channelMessageId(),
                          deletion(entry, delivered.channelMessageId()),
                          now.plus(deleteAfter.get()))));
        }
        yield announced(
            entry, "sent", persist(() -> store.markSent(entry, delivered.channelMessageId())));
      }
      case Delivery.RetryAfter limited -> {
        Instant until = now.plus(limited.delay());
        noteRateLimit(entry.contactId(), until, now);
        yield persist(() -> store.retryLater(entry, until, limited.reason(), false));
      }
      case Delivery.Transient failure -> {
        int attempt = entry.attempts() + 1;
        if (attempt >= policy.maxAttempts()) {
          yield announced(
              entry,
              "failed",
              persist(
                  () ->
                      store.markFailed(
                          entry, "gave up after " + attempt + " attempts: " + failure.reason())));
        }
        Duration wait = policy.backoff(attempt, random.nextDouble());
        log.atInfo()
            .addKeyValue("event", "dispatch.retry")
            .addKeyValue("outbox", entry.id())
            .addKeyValue("attempt", attempt)
            .addKeyValue("reason", failure.reason())
            .addKeyValue("wait_ms", wait.toMillis())
            .log("send failed; will retry");
        yield persist(() -> store.retryLater(entry, now.plus(wait), failure.reason(), true));
      }
      case Delivery.Rejected rejected ->
          announced(entry, "failed", persist(() -> store.markFailed(entry, rejected.reason())));
      case Delivery.Unreachable unreachable ->
          announced(
              entry,
              "unreachable",
              persist(() -> store.markUnreachable(entry, unreachable.reason()).mapEmpty()));
    };
  }

  /**
   * Tells the consoles how a stored message's delivery ended (an operator sees whether a reply
   * arrived), once it is recorded. Rows that deliver no stored message say nothing.
   */
  private Future<Void> announced(OutboxStore.Entry entry, String state, Future<Void> recorded) {
    if (entry.messageId() == null) {
      return recorded;
    }
    return recorded.onSuccess(
        v ->
            vertx
                .eventBus()
                .publish(
                    EventAddresses.DELIVERY_CHANGED,
                    new io.vertx.core.json.JsonObject()
                        .put("conversationId", entry.conversationId())
                        .put("messageId", entry.messageId())
                        .put("state", state)));
  }

  /**
   * A chat is rate limited until {@code until}. A second chat limited while the first still waits
   * means the limit is the bot's, not the chat's: then every chat waits.
   */
  private void noteRateLimit(String contact, Instant until, Instant now) {
    boolean another =
        rateLimitedUntil.entrySet().stream()
            .anyMatch(e -> !e.getKey().equals(contact) && e.getValue().isAfter(now));
    rateLimitedUntil.put(contact, until);
    if (another) {
      Instant latest = rateLimitedUntil.values().stream().max(Instant::compareTo).orElse(until);
      if (latest.isAfter(globalPauseUntil)) {
        globalPauseUntil = latest;
        log.atWarn()
            .addKeyValue("event", "dispatch.paused")
            .addKeyValue("channel", channel)
            .addKeyValue("until", latest)
            .log("rate limited in several chats: every chat waits");
      }
    }
  }

  /**
   * Records a result, retrying while the database is away: the contact stays in flight meanwhile,
   * so its next row cannot overtake this one and a sent row is not sent again.
   */
  private Future<Void> persist(Supplier<Future<Void>> write) {
    Promise<Void> done = Promise.promise();
    attemptPersist(write, Duration.ofMillis(250), done);
    return done.future();
  }

  private void attemptPersist(Supplier<Future<Void>> write, Duration wait, Promise<Void> done) {
    write
        .get()
        .onSuccess(done::complete)
        .onFailure(
            e -> {
              if (!running) {
                // Stopping: the row stays pending and is sent again after the restart.
                done.complete();
                return;
              }
              log.atWarn()
                  .addKeyValue("event", "dispatch.record_failed")
                  .addKeyValue("error", e.getClass().getSimpleName())
                  .log("could not record a send's result; will try again");
              Duration next = wait.multipliedBy(2);
              vertx.setTimer(
                  wait.toMillis(),
                  id ->
                      attemptPersist(
                          write,
                          next.compareTo(STORE_RETRY_MAX) > 0 ? STORE_RETRY_MAX : next,
                          done));
            });
  }
}

package dev.selam.bot.telegram;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Long polling with TelegramBots' {@code GetUpdates}. Asking with an offset confirms every update
 * before it to Telegram, so the offset only moves past an update once it is stored: a crash, or a
 * database that is away, makes Telegram send the same updates again, and the store drops repeats.
 *
 * <p>TelegramBots' own long-polling application is not used: it moves its offset before handing
 * updates over and stops polling for good if the consumer throws, so it could confirm updates that
 * were never stored.
 */
final class TelegramPolling {
  private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);
  private static final int LIMIT = 100;
  private static final Duration BACKOFF_MAX = Duration.ofSeconds(30);
  // A Bot API answering at once with nothing (not Telegram's way) must not be polled in a tight
  // loop.
  private static final Duration EMPTY_PAUSE = Duration.ofMillis(500);

  /** Where fetched updates go; the future completes when the update is stored. */
  @FunctionalInterface
  interface UpdateSink {
    Future<Void> take(Update update, String json);
  }

  private final Vertx vertx;
  private final BotApi api;
  private final UpdateSink sink;
  private final Duration pollTimeout;
  private final RandomGenerator random;
  private Integer offset;
  private int failures;
  private volatile boolean running;
  // Each start begins a new loop; a loop from before a stop ends at its next turn.
  private volatile long generation;

  TelegramPolling(
      Vertx vertx, BotApi api, UpdateSink sink, Duration pollTimeout, RandomGenerator random) {
    this.vertx = vertx;
    this.api = api;
    this.sink = sink;
    this.pollTimeout = pollTimeout;
    this.random = random;
  }

  /**
   * Removes any webhook (Telegram refuses getUpdates while one is set), then polls until stopped.
   */
  void start() {
    vertx.runOnContext(
        v -> {
          running = true;
          long loop = ++generation;
          api.call(new DeleteWebhook())
              .onFailure(
                  e ->
                      log.atWarn()
                          .addKeyValue("event", "telegram.delete_webhook_failed")
                          .addKeyValue("reason", String.valueOf(BotApi.classify(e)))
                          .log("could not remove the webhook; polling anyway"))
              .onComplete(ignored -> poll(loop));
        });
  }

  void stop() {
    running = false;
    generation++;
  }

  private void poll(long loop) {
    if (!running || loop != generation) {
      return;
    }
    long started = System.nanoTime();
    GetUpdates request =
        GetUpdates.builder()
            .offset(offset)
            .limit(LIMIT)
            .timeout((int) pollTimeout.toSeconds())
            .allowedUpdates(UpdateRoute.ALLOWED_UPDATES)
            .build();
    api.call(request)
        .compose(this::storeInOrder)
        .onSuccess(
            count -> {
              failures = 0;
              long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
              if (count == 0 && elapsedMillis < EMPTY_PAUSE.toMillis()) {
                vertx.setTimer(EMPTY_PAUSE.toMillis() - elapsedMillis, id -> poll(loop));
              } else {
                poll(loop);
              }
            })
        .onFailure(
            e -> {
              failures++;
              Duration wait = backoff(failures);
              log.atWarn()
                  .addKeyValue("event", "telegram.poll_failed")
                  .addKeyValue("reason", String.valueOf(BotApi.classify(e)))
                  .addKeyValue("wait_ms", wait.toMillis())
                  .log("getUpdates failed; will try again");
              vertx.setTimer(wait.toMillis(), id -> poll(loop));
            });
  }

  /**
   * Stores updates one after the other, moving the offset past each one stored. On the first
   * failure the rest wait for the next poll, which asks again from there.
   */
  private Future<Integer> storeInOrder(List<Update> updates) {
    List<Update> sorted =
        updates.stream()
            .sorted((a, b) -> Integer.compare(a.getUpdateId(), b.getUpdateId()))
            .toList();
    Future<Void> chain = Future.succeededFuture();
    for (Update update : sorted) {
      chain =
          chain.compose(
              ignored ->
                  sink.take(update, UpdateReader.write(update))
                      .onSuccess(stored -> offset = update.getUpdateId() + 1));
    }
    Promise<Integer> done = Promise.promise();
    chain.onSuccess(v -> done.complete(sorted.size())).onFailure(done::fail);
    return done.future();
  }

  private Duration backoff(int failures) {
    long millis = Math.min(BACKOFF_MAX.toMillis(), 500L << Math.min(failures - 1, 10));
    return Duration.ofMillis((long) (millis * (0.5 + random.nextDouble() * 0.5)));
  }
}

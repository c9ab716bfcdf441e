package dev.selam.bot.telegram;

import dev.selam.bot.dispatch.Delivery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;

/**
 * Answers every button press at once, before the dialogue sees it, so the person's button stops
 * spinning whatever happens next. Sent directly, not through the outbox: an answer is useless after
 * a few seconds and is not a message in the chat, so it needs neither durability nor chat pacing. A
 * transient failure is retried twice.
 */
final class CallbackAnswers {
  private static final Logger log = LoggerFactory.getLogger(CallbackAnswers.class);
  private static final int ATTEMPTS = 3;

  private final Vertx vertx;
  private final BotApi api;

  CallbackAnswers(Vertx vertx, BotApi api) {
    this.vertx = vertx;
    this.api = api;
  }

  /** Completes when answered or given up; never fails. */
  Future<Void> answer(String callbackId) {
    Promise<Void> done = Promise.promise();
    attempt(callbackId, 1, done);
    return done.future();
  }

  private void attempt(String callbackId, int attempt, Promise<Void> done) {
    api.call(AnswerCallbackQuery.builder().callbackQueryId(callbackId).build())
        .onSuccess(ok -> done.complete())
        .onFailure(
            e -> {
              Delivery delivery = BotApi.classify(e);
              boolean retry =
                  attempt < ATTEMPTS
                      && (delivery instanceof Delivery.Transient
                          || delivery instanceof Delivery.RetryAfter);
              if (!retry) {
                log.atInfo()
                    .addKeyValue("event", "telegram.callback_unanswered")
                    .addKeyValue("reason", String.valueOf(delivery))
                    .log("could not answer a button press");
                done.complete();
                return;
              }
              vertx.setTimer(1000L * attempt, id -> attempt(callbackId, attempt + 1, done));
            });
  }
}

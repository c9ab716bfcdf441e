package dev.selam.bot.telegram;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /telegram/webhook}: Telegram's secret checked in constant time, the body read as one
 * update, and 200 only once it is stored, so Telegram retries whatever was not. Bad input gets a
 * 4xx (Telegram does not retry those) and is logged without its body. The router must read bodies
 * with a size limit first (the server's BodyHandler: an oversized body gets 413 before this runs).
 */
final class TelegramWebhook {
  static final String PATH = "/telegram/webhook";
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);

  private final byte[] secret;
  private final UpdateIntake intake;

  TelegramWebhook(String secret, UpdateIntake intake) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.intake = intake;
  }

  void mount(Router router) {
    router.post(PATH).handler(this::checkSecret).handler(this::receive);
  }

  private void checkSecret(RoutingContext ctx) {
    String given = ctx.request().getHeader(SECRET_HEADER);
    if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
      reject(ctx, 401, "Unauthorized", "wrong_secret");
      return;
    }
    ctx.next();
  }

  private void receive(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      reject(ctx, 400, "Bad request", "empty_body");
      return;
    }
    UpdateReader.Read read;
    try {
      read = UpdateReader.read(body.getBytes());
    } catch (UpdateReader.MalformedUpdateException e) {
      reject(ctx, 400, "Bad request", e.getMessage());
      return;
    }
    intake
        .take(read.update(), read.json())
        .onSuccess(stored -> ctx.response().setStatusCode(200).end())
        .onFailure(
            e -> {
              // Not the sender's fault: 503 makes Telegram deliver the update again later.
              log.atWarn()
                  .addKeyValue("event", "telegram.webhook_store_failed")
                  .addKeyValue("update", read.update().getUpdateId())
                  .addKeyValue("error", e.getClass().getSimpleName())
                  .log("could not store an update; Telegram will retry");
              if (!ctx.response().ended()) {
                ctx.response().putHeader("Retry-After", "5");
                problem(ctx, 503, "Service unavailable");
              }
            });
  }

  private static void reject(RoutingContext ctx, int status, String title, String reason) {
    // JSON with an update id that TelegramBots cannot read may be a real update in a newer shape:
    // worth an operator's look, unlike garbage.
    (reason.equals("unexpected_shape") ? log.atWarn() : log.atInfo())
        .addKeyValue("event", "telegram.webhook_rejected")
        .addKeyValue("status", status)
        .addKeyValue("reason", reason)
        .addKeyValue("bytes", ctx.body() == null ? 0 : ctx.body().length())
        .log("webhook request refused");
    problem(ctx, status, title);
  }

  private static void problem(RoutingContext ctx, int status, String title) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .end(
            new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .encode());
  }
}

package dev.selam.bot.telegram;

import dev.selam.bot.dispatch.Delivery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Calls through a TelegramBots client as Vert.x futures completing on the caller's context, and
 * classifies what went wrong the way the dispatcher needs it.
 */
final class BotApi {
  private final Vertx vertx;
  private final TelegramClient client;

  BotApi(Vertx vertx, TelegramClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  <T extends Serializable, M extends BotApiMethod<T>> Future<T> call(M method) {
    return adapt(
        () -> {
          try {
            return client.executeAsync(method);
          } catch (TelegramApiException e) {
            return CompletableFuture.failedFuture(e);
          }
        });
  }

  /** setWebhook has its own (multipart) overload in TelegramBots. */
  Future<Boolean> call(SetWebhook setWebhook) {
    return adapt(() -> client.executeAsync(setWebhook));
  }

  private <T> Future<T> adapt(Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return Future.fromCompletionStage(future, vertx.getOrCreateContext())
        .recover(e -> Future.failedFuture(unwrap(e)));
  }

  /** How a failed call should be treated. */
  static Delivery classify(Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof TelegramApiValidationException invalid) {
      return new Delivery.Rejected("invalid: " + invalid.getMessage());
    }
    if (e instanceof TelegramApiRequestException request) {
      Integer code = request.getErrorCode();
      String description = request.getApiResponse() == null ? "" : " " + request.getApiResponse();
      if (code == null || code == 0) {
        return new Delivery.Transient("unreadable response");
      }
      return switch (code) {
        case 400 -> new Delivery.Rejected("400" + description);
        case 403 -> new Delivery.Unreachable("403" + description);
        case 429 -> new Delivery.RetryAfter(retryAfter(request), "429" + description);
        default -> new Delivery.Transient(code + description);
      };
    }
    if (e instanceof InterruptedIOException) {
      return new Delivery.Transient("timeout");
    }
    if (e instanceof IOException) {
      return new Delivery.Transient("connection: " + e.getClass().getSimpleName());
    }
    return new Delivery.Transient(e.getClass().getSimpleName());
  }

  private static Duration retryAfter(TelegramApiRequestException e) {
    Integer seconds = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
    return Duration.ofSeconds(seconds == null || seconds < 1 ? 1 : seconds);
  }

  static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}

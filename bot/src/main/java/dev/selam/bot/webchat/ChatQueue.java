package dev.selam.bot.webchat;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs work one at a time per chat, in the order it arrives: the dialogue sees a chat's messages in
 * the order the person sent them, and a repeated request waits for the first to finish (then finds
 * it handled). Different chats run in parallel. In memory, per replica.
 */
final class ChatQueue {
  private final Map<String, Future<Void>> tails = new HashMap<>();

  synchronized <T> Future<T> run(String chat, Supplier<Future<T>> work) {
    Future<Void> previous = tails.getOrDefault(chat, Future.succeededFuture());
    Future<T> mine = previous.transform(ignored -> work.get());
    Future<Void> tail = mine.<Void>mapEmpty().otherwiseEmpty();
    tails.put(chat, tail);
    tail.onComplete(
        ignored -> {
          synchronized (this) {
            tails.remove(chat, tail);
          }
        });
    return mine;
  }
}

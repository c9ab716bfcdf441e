package dev.selam.bot.webchat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Open pages waiting for news, by chat: when a chat's entries change (on any replica), each of its
 * open streams is told to fetch what is new. The stream itself is server-sent events over a plain
 * response; a heartbeat keeps proxies from closing it, and it ends after a while so a page
 * reconnects with its latest cursor.
 */
final class WebChatLive {
  static final long HEARTBEAT_MS = 20_000;
  static final long STREAM_MS = 300_000;

  private final Vertx vertx;
  private final Map<String, Set<Consumer<Void>>> listeners = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  WebChatLive(Vertx vertx) {
    this.vertx = vertx;
  }

  void start() {
    consumer =
        vertx
            .eventBus()
            .consumer(WebChatSender.CHANGED, message -> changed(message.body().getString("chat")));
  }

  void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** A chat's entries changed: every open stream of it fetches. */
  void changed(String chat) {
    Set<Consumer<Void>> open;
    synchronized (this) {
      open = Set.copyOf(listeners.getOrDefault(chat, Set.of()));
    }
    open.forEach(listener -> listener.accept(null));
  }

  /**
   * Keeps {@code response} open as an event stream; {@code fetch} is run now and whenever the chat
   * changes, and writes what is new.
   */
  void stream(String chat, HttpServerResponse response, Consumer<Void> fetch) {
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": open\n\n");
    synchronized (this) {
      listeners.computeIfAbsent(chat, k -> new HashSet<>()).add(fetch);
    }
    long heartbeat =
        vertx.setPeriodic(
            HEARTBEAT_MS,
            id -> {
              if (!response.ended() && !response.closed()) {
                response.write(": ping\n\n");
              }
            });
    long end =
        vertx.setTimer(
            STREAM_MS,
            id -> {
              if (!response.ended() && !response.closed()) {
                response.end();
              }
            });
    Runnable close =
        () -> {
          vertx.cancelTimer(heartbeat);
          vertx.cancelTimer(end);
          synchronized (this) {
            Set<Consumer<Void>> set = listeners.get(chat);
            if (set != null) {
              set.remove(fetch);
              if (set.isEmpty()) {
                listeners.remove(chat);
              }
            }
          }
        };
    response.closeHandler(v -> close.run());
    response.endHandler(v -> close.run());
    fetch.accept(null);
  }
}

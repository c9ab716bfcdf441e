package dev.selam.bot.webchat;

import dev.selam.bot.channel.OutboundCodec;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.dispatch.ChannelSender;
import dev.selam.bot.dispatch.Delivery;
import dev.selam.core.outbox.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Delivers outbox rows to a web chat: a message becomes an entry the page reads (its id is the
 * channel's message id, so erasure can delete it like a Telegram message), a deletion removes
 * entries. Each delivery is announced so open pages fetch it at once.
 */
final class WebChatSender implements ChannelSender {
  /** Published with {@code {"chat": chatKey}} when a chat's entries change. */
  static final String CHANGED = "selam.webchat.changed";

  private final WebChatStore store;
  private final EventBus events;

  WebChatSender(WebChatStore store, EventBus events) {
    this.store = store;
    this.events = events;
  }

  @Override
  public Future<Delivery> send(OutboxStore.Entry entry) {
    if (entry.payload() == null) {
      return Future.succeededFuture(new Delivery.Rejected("unreadable outbox row"));
    }
    OutboundMessage message;
    try {
      message = OutboundCodec.decode(entry.kind(), entry.payload());
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(new Delivery.Rejected("malformed outbox row"));
    }
    String chatKey = entry.chatRef();
    if (chatKey == null) {
      return Future.succeededFuture(new Delivery.Rejected("the contact has no chat to send to"));
    }
    Future<Long> done =
        switch (message) {
          case OutboundMessage.Text text ->
              store
                  .store(chatKey, "out", "message", "o:" + entry.id(), body(text))
                  .map(WebChatStore.Entry::seq);
          case OutboundMessage.DeleteMessages delete ->
              store.delete(chatKey, delete.channelMessageIds()).map(v -> (Long) null);
          // The page shows a press at once by itself: nothing to answer.
          case OutboundMessage.CallbackAnswer answer -> Future.succeededFuture((Long) null);
        };
    return done.<Delivery>map(
            id -> {
              events.publish(CHANGED, new JsonObject().put("chat", chatKey));
              return new Delivery.Delivered(id);
            })
        .recover(e -> Future.succeededFuture(new Delivery.Transient(e.getClass().getSimpleName())));
  }

  /** What the page needs of a message: its text runs and buttons. */
  static JsonObject body(OutboundMessage.Text text) {
    JsonObject body = new JsonObject().put("runs", WebChatHtml.runs(text.html()));
    if (!text.buttons().isEmpty()) {
      JsonArray rows = new JsonArray();
      for (List<OutboundMessage.Button> row : text.buttons()) {
        JsonArray buttons = new JsonArray();
        row.forEach(
            b ->
                buttons.add(
                    new JsonObject().put("label", b.label()).put("data", b.callbackData())));
        rows.add(buttons);
      }
      body.put("buttons", rows);
    }
    return body;
  }
}

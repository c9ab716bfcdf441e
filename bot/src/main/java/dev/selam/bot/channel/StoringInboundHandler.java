package dev.selam.bot.channel;

import dev.selam.core.conversation.ConversationStore;
import io.vertx.core.Future;

/**
 * Stores what a person wrote and answers nothing: the stand-in until the dialogue exists, so no
 * message is lost meanwhile. Button presses and media without a caption carry no text and are not
 * stored.
 */
public final class StoringInboundHandler implements InboundHandler {
  private final ConversationStore conversations;

  public StoringInboundHandler(ConversationStore conversations) {
    this.conversations = conversations;
  }

  @Override
  public Future<Void> handle(InboundMessage message) {
    String text = message.text();
    if (text == null || text.isBlank()) {
      return Future.succeededFuture();
    }
    return conversations
        .recordInbound(message.channel(), message.externalChatId(), text)
        .mapEmpty();
  }
}

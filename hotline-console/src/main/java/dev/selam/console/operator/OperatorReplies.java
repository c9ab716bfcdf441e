package dev.selam.console.operator;

import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.events.EventAddresses;
import dev.selam.core.identity.StaffAccount;
import dev.selam.core.outbox.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's reply: stored as an outgoing message by the operator, queued in the outbox for the
 * person's channel, and audited, all in one transaction; announced to the consoles after the
 * commit. The person sees the operator's display name above the text, as in the notice that the
 * operator joined.
 */
public final class OperatorReplies {
  /** The outbox's kind for a chat message (see the bot's OutboundCodec). */
  static final String SEND_MESSAGE = "send_message";

  private static final Logger log = LoggerFactory.getLogger(OperatorReplies.class);

  private final Pool pool;
  private final ConversationStore conversations;
  private final OutboxStore outbox;
  private final AuditLog audit;
  private final EventBus events;

  public OperatorReplies(
      Pool pool,
      ConversationStore conversations,
      OutboxStore outbox,
      AuditLog audit,
      EventBus events) {
    this.pool = pool;
    this.conversations = conversations;
    this.outbox = outbox;
    this.audit = audit;
    this.events = events;
  }

  /** Sends {@code text} to the person of the conversation; returns the stored message's id. */
  public Future<String> send(
      StaffAccount operator, ConversationStore.Participant to, String conversationId, String text) {
    String body = TelegramHtml.escape(text);
    String html = "<b>" + TelegramHtml.escape(operator.displayName()) + "</b>\n" + body;
    String payload = new JsonObject().put("html", html).encode();
    return pool.<String>withTransaction(
            tx ->
                conversations
                    .storeOperatorMessage(tx, conversationId, operator.id(), body)
                    .compose(
                        messageId ->
                            outbox
                                .enqueue(
                                    tx,
                                    new OutboxStore.NewEntry(
                                        to.contactId(),
                                        conversationId,
                                        messageId,
                                        to.channel(),
                                        SEND_MESSAGE,
                                        payload))
                                .compose(
                                    outboxId ->
                                        audit.append(
                                            tx,
                                            AuditEntry.of(
                                                    operator.username(),
                                                    "conversation.replied",
                                                    conversationId)
                                                .with("message", messageId)))
                                .map(messageId)))
        .onSuccess(
            messageId -> {
              events.publish(
                  EventAddresses.CONVERSATION_MESSAGE,
                  new JsonObject()
                      .put("conversationId", conversationId)
                      .put("messageId", messageId)
                      .put("direction", "out")
                      .put("author", "operator")
                      .put("kind", "text"));
              log.atInfo()
                  .addKeyValue("event", "console.operator_replied")
                  .addKeyValue("conversation", conversationId)
                  .addKeyValue("message", messageId)
                  .addKeyValue("chars", text.length())
                  .log("operator reply queued");
            });
  }
}

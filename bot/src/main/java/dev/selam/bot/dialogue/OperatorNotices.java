package dev.selam.bot.dialogue;

import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.i18n.Messages;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.events.EventAddresses;
import dev.selam.core.identity.StaffAccount;
import dev.selam.core.identity.StaffAccounts;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a person when an operator joins their chat (with the operator's display name) and when the
 * operator leaves and the bot answers again. Listens only to changes made on this replica (a local
 * consumer): the replica that committed a change tells the person once.
 */
public final class OperatorNotices {
  private static final Logger log = LoggerFactory.getLogger(OperatorNotices.class);

  private final Pool pool;
  private final ConversationStore conversations;
  private final StaffAccounts staff;
  private final OutboxWriter outbox;
  private final Messages messages;

  public OperatorNotices(
      Pool pool,
      ConversationStore conversations,
      StaffAccounts staff,
      OutboxWriter outbox,
      Messages messages) {
    this.pool = pool;
    this.conversations = conversations;
    this.staff = staff;
    this.outbox = outbox;
    this.messages = messages;
  }

  public void listen(EventBus events) {
    events.<JsonObject>localConsumer(
        EventAddresses.ESCALATION_CLAIMED, m -> joined(m.body()).onFailure(this::failed));
    events.<JsonObject>localConsumer(
        EventAddresses.ESCALATION_TRANSFERRED, m -> joined(m.body()).onFailure(this::failed));
    events.<JsonObject>localConsumer(
        EventAddresses.ESCALATION_CLOSED, m -> left(m.body()).onFailure(this::failed));
  }

  Future<Void> joined(JsonObject escalation) {
    String operatorId = escalation.getString("operator");
    if (operatorId == null) {
      return Future.succeededFuture(); // transferred to a language: back in the queue
    }
    return staff
        .find(operatorId)
        .compose(
            operator ->
                tell(
                    escalation.getString("conversation"),
                    "operator.joined",
                    Map.of("name", operator.map(StaffAccount::displayName).orElse("—"))));
  }

  Future<Void> left(JsonObject escalation) {
    if (escalation.getString("operator") == null) {
      return Future.succeededFuture(); // closed from the queue: nobody had joined
    }
    return tell(escalation.getString("conversation"), "operator.left", Map.of());
  }

  private Future<Void> tell(String conversationId, String key, Map<String, Object> args) {
    return conversations
        .participant(conversationId)
        .compose(
            participant -> {
              if (participant.isEmpty()) {
                return Future.succeededFuture();
              }
              String language =
                  Optional.ofNullable(participant.get().language())
                      .filter(messages.languages()::contains)
                      .orElse(messages.defaultLanguage());
              OutboundMessage.Text text =
                  OutboundMessage.Text.plain(messages.text(language, key, args));
              OutboxWriter.Recipient to =
                  new OutboxWriter.Recipient(
                      participant.get().channel(), participant.get().contactId(), conversationId);
              return pool.<Void>withTransaction(
                  tx ->
                      conversations
                          .storeMessage(tx, conversationId, "out", "bot", "text", text.html(), null)
                          .compose(messageId -> outbox.enqueue(tx, to, text, messageId))
                          .mapEmpty());
            });
  }

  private void failed(Throwable e) {
    log.atWarn()
        .addKeyValue("event", "dialogue.operator_notice_failed")
        .addKeyValue("error", e.getClass().getSimpleName())
        .log("could not tell a person about an operator joining or leaving");
  }
}

package dev.selam.console;

import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.escalation.Escalation;
import dev.selam.core.escalation.EscalationRequest;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.risk.RiskLevel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * People writing in, as the bot would leave them in the database: a contact, a conversation in a
 * language, the person's message, and an escalation with its reasons.
 */
final class People {
  static final JsonArray REASONS =
      new JsonArray()
          .add(
              new JsonObject()
                  .put("indicator", "documents-withheld")
                  .put("category", "trafficking-labour")
                  .put("strength", "high")
                  .put("weight", 3.0)
                  .put("words", new JsonArray().add("passport").add("kept")));

  private static final AtomicInteger chats = new AtomicInteger(5000);

  final ConsoleFixture fx;
  final ConversationStore conversations;
  final EscalationStore escalations;

  People(Vertx vertx, ConsoleFixture fx) {
    this.fx = fx;
    var pool = fx.identity.db.pool();
    conversations =
        new ConversationStore(pool, fx.keys.cipher(), fx.keys.pseudonymizer(), fx.identity.clock);
    escalations = new EscalationStore(pool, fx.keys.cipher(), vertx.eventBus(), fx.identity.clock);
  }

  /** A person who wrote {@code text} in {@code language}; their conversation is escalated. */
  Escalation escalated(String language, String text) {
    var stored =
        conversations
            .recordInbound("telegram", String.valueOf(chats.incrementAndGet()), text)
            .await();
    fx.identity
        .db
        .pool()
        .withTransaction(
            tx ->
                tx.preparedQuery("UPDATE conversation SET language = ? WHERE id = ?")
                    .execute(Tuple.of(language, stored.conversationId())))
        .await();
    return escalations
        .open(
            new EscalationRequest(
                stored.conversationId(),
                Optional.of(language),
                RiskLevel.HIGH,
                4.0,
                REASONS,
                Optional.of("trafficking-labour")))
        .await()
        .escalation();
  }

  /** The person sends something more (a photo: kind {@code photo}, no text). */
  String writes(String conversationId, String kind, String text) {
    return fx.identity
        .db
        .pool()
        .withTransaction(
            tx -> conversations.storeMessage(tx, conversationId, "in", "person", kind, text, null))
        .await();
  }
}

package dev.selam.core.escalation;

import dev.selam.core.risk.RiskLevel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * A conversation handed to a person: how urgent it is (level, then score, then how long it has
 * waited), why (the reasons: indicators and the words that matched them), and who has it.
 *
 * @param reasons decrypted: for operators entitled to see the conversation, never for events
 */
public record Escalation(
    String id,
    String conversationId,
    Optional<String> language,
    RiskLevel level,
    double score,
    JsonArray reasons,
    Optional<String> category,
    EscalationStatus status,
    Optional<String> operatorId,
    Optional<String> outcome,
    Instant openedAt,
    Optional<Instant> claimedAt,
    Optional<Instant> closedAt) {

  /** The event payload: ids, levels and times, the indicators without the person's words. */
  public JsonObject toEvent() {
    JsonArray indicators = new JsonArray();
    for (Object reason : reasons) {
      if (reason instanceof JsonObject r) {
        JsonObject withoutWords = r.copy();
        withoutWords.remove("words");
        indicators.add(withoutWords);
      }
    }
    JsonObject event =
        new JsonObject()
            .put("id", id)
            .put("conversation", conversationId)
            .put("language", language.orElse(null))
            .put("level", level.id())
            .put("score", score)
            .put("category", category.orElse(null))
            .put("status", status.id())
            .put("operator", operatorId.orElse(null))
            .put("outcome", outcome.orElse(null))
            .put("indicators", indicators)
            .put("opened_at", openedAt.toString());
    claimedAt.ifPresent(at -> event.put("claimed_at", at.toString()));
    closedAt.ifPresent(at -> event.put("closed_at", at.toString()));
    return event;
  }
}

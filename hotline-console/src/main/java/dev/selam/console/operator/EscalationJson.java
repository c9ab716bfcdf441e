package dev.selam.console.operator;

import dev.selam.core.escalation.Escalation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * An escalation as the console shows it to staff entitled to see it, reasons and words included.
 */
public final class EscalationJson {
  private EscalationJson() {}

  public static JsonObject of(Escalation e, Instant now) {
    JsonObject json =
        new JsonObject()
            .put("id", e.id())
            .put("conversationId", e.conversationId())
            .put("language", e.language().orElse(null))
            .put("level", e.level().id())
            .put("score", e.score())
            .put("status", e.status().id())
            .put("category", e.category().orElse(null))
            .put("outcome", e.outcome().orElse(null))
            .put("operatorId", e.operatorId().orElse(null))
            .put("reasons", reasons(e.reasons()))
            .put("openedAt", e.openedAt().toString())
            .put("waitingSeconds", Math.max(0, Duration.between(e.openedAt(), now).toSeconds()));
    e.claimedAt().ifPresent(at -> json.put("claimedAt", at.toString()));
    return json;
  }

  /** Indicator, category, strength and the matched words; nothing else the bot keeps. */
  private static JsonArray reasons(JsonArray stored) {
    JsonArray reasons = new JsonArray();
    for (Object item : stored) {
      if (item instanceof JsonObject r) {
        JsonObject reason = new JsonObject().put("indicator", r.getString("indicator"));
        if (r.getValue("category") instanceof String category) {
          reason.put("category", category);
        }
        if (r.getValue("strength") instanceof String strength) {
          reason.put("strength", strength);
        }
        JsonArray words = new JsonArray();
        if (r.getValue("words") instanceof JsonArray matched) {
          matched.forEach(word -> words.add(String.valueOf(word)));
        }
        reasons.add(reason.put("words", words));
      }
    }
    return reasons;
  }
}

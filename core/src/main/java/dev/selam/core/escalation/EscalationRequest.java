package dev.selam.core.escalation;

import dev.selam.core.risk.RiskLevel;
import io.vertx.core.json.JsonArray;
import java.util.Objects;
import java.util.Optional;

/**
 * What a risky conversation asks of the queue: its level (medium or high), the score that orders it
 * among equals, the reasons to show the operator, and its language for routing.
 */
public record EscalationRequest(
    String conversationId,
    Optional<String> language,
    RiskLevel level,
    double score,
    JsonArray reasons,
    Optional<String> category) {

  public EscalationRequest {
    Objects.requireNonNull(conversationId, "conversationId");
    if (level == null || level == RiskLevel.NONE) {
      throw new IllegalArgumentException("an escalation needs level medium or high, got " + level);
    }
    reasons = reasons == null ? new JsonArray() : reasons.copy();
  }
}

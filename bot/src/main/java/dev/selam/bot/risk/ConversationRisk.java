package dev.selam.bot.risk;

import dev.selam.core.risk.RiskLevel;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk of a conversation so far. It only goes up: each message's level counts, and indicators
 * spread over several messages add up as if written in one ("he hasn't paid me for months", later
 * "he says he knows where my family lives"). Messages about the past or about a topic in general
 * keep their own level but do not add to the others. Immutable: {@link #add} returns the next
 * state.
 */
public final class ConversationRisk {
  private final RiskLevel level;
  private final double score;
  private final Map<String, MatchedIndicator> indicators;
  private final Map<String, MatchedIndicator> adding;
  private final Map<String, Double> categoryLimits;

  private ConversationRisk(
      RiskLevel level,
      double score,
      Map<String, MatchedIndicator> indicators,
      Map<String, MatchedIndicator> adding,
      Map<String, Double> categoryLimits) {
    this.level = level;
    this.score = score;
    this.indicators = indicators;
    this.adding = adding;
    this.categoryLimits = categoryLimits;
  }

  static ConversationRisk start(Map<String, Double> categoryLimits) {
    return restored(RiskLevel.NONE, 0, categoryLimits);
  }

  /** A conversation whose level and score were stored, its indicators not. */
  static ConversationRisk restored(
      RiskLevel level, double score, Map<String, Double> categoryLimits) {
    return new ConversationRisk(level, score, Map.of(), Map.of(), Map.copyOf(categoryLimits));
  }

  public RiskLevel level() {
    return level;
  }

  public double score() {
    return score;
  }

  /** Every indicator seen in the conversation, with the words that first showed it. */
  public List<MatchedIndicator> indicators() {
    return List.copyOf(indicators.values());
  }

  /** For the operator: the indicators and their words, as an escalation stores them. */
  public JsonArray reasons() {
    JsonArray reasons = new JsonArray();
    indicators.values().forEach(i -> reasons.add(i.toJson()));
    return reasons;
  }

  /**
   * Whether this state is more serious than {@code before}: time to open or raise an escalation.
   */
  public boolean raisedFrom(ConversationRisk before) {
    return level.compareTo(before.level) > 0;
  }

  public ConversationRisk add(RiskAssessment message) {
    Map<String, MatchedIndicator> seen = new LinkedHashMap<>(indicators);
    message.indicators().forEach(i -> seen.putIfAbsent(i.id(), i));
    Map<String, MatchedIndicator> summed = new LinkedHashMap<>(adding);
    if (message.modifiers().isEmpty()) {
      message.indicators().forEach(i -> summed.putIfAbsent(i.id(), i));
    }
    double combined = combinedScore(summed.values());
    boolean anyHigh = summed.values().stream().anyMatch(i -> "high".equals(i.strength()));
    RiskLevel next =
        RiskLevel.max(RiskLevel.max(level, message.level()), Lexicon.levelOf(combined, anyHigh));
    double nextScore = Math.max(score, Math.max(message.score(), combined));
    return new ConversationRisk(next, nextScore, seen, summed, categoryLimits);
  }

  private double combinedScore(Iterable<MatchedIndicator> matched) {
    Map<String, Double> byCategory = new HashMap<>();
    for (MatchedIndicator indicator : matched) {
      byCategory.merge(indicator.category(), indicator.weight(), Double::sum);
    }
    double total = 0;
    for (Map.Entry<String, Double> category : byCategory.entrySet()) {
      total += Math.min(category.getValue(), categoryLimits.getOrDefault(category.getKey(), 1e9));
    }
    return total;
  }

  @Override
  public String toString() {
    return "ConversationRisk["
        + level.id()
        + ", "
        + score
        + ", "
        + new ArrayList<>(indicators.keySet())
        + "]";
  }
}

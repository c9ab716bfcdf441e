package dev.selam.bot.risk;

import dev.selam.core.risk.RiskLevel;
import io.vertx.core.json.JsonArray;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The risk of one message: its level, a score that orders messages of the same level, the
 * indicators found with the words that matched them, the modifiers that changed the level ({@code
 * past}, {@code general}) and who the message is about.
 *
 * @param language the language whose indicators were used
 */
public record RiskAssessment(
    String language,
    RiskLevel level,
    double score,
    List<MatchedIndicator> indicators,
    List<MatchedIndicator> modifiers,
    Set<Subject> subjects) {
  public static final String ASKS_FOR_PERSON = "asks-for-person";

  public RiskAssessment {
    indicators = List.copyOf(indicators);
    modifiers = List.copyOf(modifiers);
    subjects = Set.copyOf(subjects);
  }

  public static RiskAssessment none(String language) {
    return new RiskAssessment(language, RiskLevel.NONE, 0, List.of(), List.of(), Set.of());
  }

  /** The person pressed the button or sent {@code /person}: always at least medium. */
  public static RiskAssessment personRequested(String language) {
    MatchedIndicator request =
        new MatchedIndicator("person-request", ASKS_FOR_PERSON, "medium", 2, List.of("/person"));
    return new RiskAssessment(
        language, RiskLevel.MEDIUM, 2, List.of(request), List.of(), Set.of(Subject.SELF));
  }

  public boolean asksForPerson() {
    return indicators.stream().anyMatch(i -> ASKS_FOR_PERSON.equals(i.category()));
  }

  /** The category of the weightiest indicator: what an escalation is filed under. */
  public Optional<String> mainCategory() {
    return indicators.stream()
        .max(Comparator.comparingDouble(MatchedIndicator::weight))
        .map(MatchedIndicator::category);
  }

  /** Indicators with their words, for the operator. */
  public JsonArray reasons() {
    JsonArray reasons = new JsonArray();
    indicators.forEach(i -> reasons.add(i.toJson()));
    return reasons;
  }

  /** Indicators without the person's words, for events and statistics. */
  public JsonArray reasonsWithoutWords() {
    JsonArray reasons = new JsonArray();
    indicators.forEach(i -> reasons.add(i.withoutWords()));
    return reasons;
  }
}

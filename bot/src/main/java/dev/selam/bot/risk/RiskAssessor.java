package dev.selam.bot.risk;

import dev.selam.core.risk.RiskLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Assesses the risk of a message in its language, from the indicator files {@code risk/<lang>.txt}.
 * Thread-safe: one instance serves every conversation.
 */
public final class RiskAssessor {
  /** Commands that ask for a person whatever the language. */
  private static final Set<String> PERSON_COMMANDS = Set.of("/person", "/human", "/operator");

  private final Map<String, Lexicon> lexicons;

  private RiskAssessor(Map<String, Lexicon> lexicons) {
    this.lexicons = Map.copyOf(lexicons);
  }

  /** The indicator files shipped in the jar, for each language. */
  public static RiskAssessor load(Collection<String> languages) {
    return load(languages, Optional.empty());
  }

  /**
   * Indicator files from {@code directory} where it has one for a language ({@code <lang>.txt}), so
   * reviewers can change them without a new build; the shipped files elsewhere.
   */
  public static RiskAssessor load(Collection<String> languages, Optional<Path> directory) {
    Map<String, Lexicon> lexicons = new LinkedHashMap<>();
    for (String language : languages) {
      lexicons.put(language, read(language, directory));
    }
    return new RiskAssessor(lexicons);
  }

  /** As configured ({@link RiskSettings}); a broken indicator file stops start-up with its line. */
  public static RiskAssessor load(Collection<String> languages, RiskSettings settings) {
    return load(languages, settings.indicatorDirectory());
  }

  /** One language from an indicator file's text: for tests and for checking an edited file. */
  public static RiskAssessor of(String language, Reader indicatorFile) {
    return new RiskAssessor(
        Map.of(language, IndicatorFileParser.parse(language, language + ".txt", indicatorFile)));
  }

  private static Lexicon read(String language, Optional<Path> directory) {
    Optional<Path> file = directory.map(d -> d.resolve(language + ".txt")).filter(Files::exists);
    try {
      if (file.isPresent()) {
        try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
          return IndicatorFileParser.parse(language, file.get().toString(), reader);
        }
      }
      String resource = "risk/" + language + ".txt";
      InputStream in = RiskAssessor.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new IllegalArgumentException("no risk indicators for language " + language);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return IndicatorFileParser.parse(language, resource, reader);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Set<String> languages() {
    return lexicons.keySet();
  }

  /** A new conversation's risk: none, ready to {@link ConversationRisk#add add} messages to. */
  public ConversationRisk newConversation() {
    return ConversationRisk.start(categoryLimits());
  }

  /** The risk of a conversation whose level and score were stored (after a restart, say). */
  public ConversationRisk restoredConversation(RiskLevel level, double score) {
    return ConversationRisk.restored(level, score, categoryLimits());
  }

  /** The strictest limit any language sets for a category: conversations mix languages. */
  private Map<String, Double> categoryLimits() {
    Map<String, Double> limits = new java.util.HashMap<>();
    lexicons
        .values()
        .forEach(l -> l.categoryLimits().forEach((c, v) -> limits.merge(c, v, Math::min)));
    return limits;
  }

  /** The risk of {@code text}, written in {@code language} (as detected by the caller). */
  public RiskAssessment assess(String text, String language) {
    Lexicon lexicon = lexicons.get(language);
    if (lexicon == null) {
      return assessInAnyLanguage(text);
    }
    if (isPersonCommand(text)) {
      return RiskAssessment.personRequested(language);
    }
    return lexicon.assess(text);
  }

  /**
   * The risk of {@code text} when its language is unknown: every language's indicators, the most
   * serious result wins.
   */
  public RiskAssessment assessInAnyLanguage(String text) {
    if (isPersonCommand(text)) {
      return RiskAssessment.personRequested(null);
    }
    return lexicons.values().stream()
        .map(lexicon -> lexicon.assess(text))
        .max(Comparator.comparing(RiskAssessment::level).thenComparingDouble(RiskAssessment::score))
        .filter(assessment -> assessment.score() > 0 || assessment.level() != RiskLevel.NONE)
        .orElse(RiskAssessment.none(null));
  }

  private static boolean isPersonCommand(String text) {
    String trimmed = text.strip().toLowerCase(Locale.ROOT);
    int end = trimmed.indexOf(' ');
    String command = end < 0 ? trimmed : trimmed.substring(0, end);
    int at = command.indexOf('@'); // "/person@SelamBot" in a group chat
    return PERSON_COMMANDS.contains(at < 0 ? command : command.substring(0, at));
  }
}

package dev.selam.bot.risk;

import dev.selam.core.risk.RiskLevel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * One language's indicators, compiled from its indicator file, and the assessment of a message
 * against them.
 */
final class Lexicon {
  static final double HIGH_SCORE = 4;
  static final double MEDIUM_SCORE = 2;

  private final String language;
  private final Analyzer folding;
  private final Analyzer stemming;
  private final TermIndex index;
  private final TermIndex.LanguageRules rules;
  private final List<Indicator> indicators;
  private final Map<String, Double> categoryLimits;
  private final WordClasses classes;

  /** The term ids of the classes the engine itself uses. */
  record WordClasses(
      int[] negatorsBefore,
      int[] negatorsAfter,
      int[] boundaries,
      int[] ageWords,
      Map<Subject, int[]> subjects) {}

  Lexicon(
      String language,
      Analyzer folding,
      Analyzer stemming,
      TermIndex index,
      TermIndex.LanguageRules rules,
      List<Indicator> indicators,
      Map<String, Double> categoryLimits,
      WordClasses classes) {
    this.language = language;
    this.folding = folding;
    this.stemming = stemming;
    this.index = index;
    this.rules = rules;
    this.indicators = List.copyOf(indicators);
    this.categoryLimits = Map.copyOf(categoryLimits);
    this.classes = classes;
  }

  String language() {
    return language;
  }

  List<Indicator> indicators() {
    return indicators;
  }

  Map<String, Double> categoryLimits() {
    return categoryLimits;
  }

  RiskAssessment assess(String text) {
    List<Token> tokens =
        MessageText.tokens(text, folding, stemming, rules.joinPrefixes(), rules.joinSuffixes());
    if (tokens.isEmpty()) {
      return RiskAssessment.none(language);
    }
    TermHits hits = index.hits(tokens, classes.ageWords());
    MatchContext context =
        new MatchContext(
            tokens,
            hits,
            null,
            classes.negatorsBefore(),
            classes.negatorsAfter(),
            classes.boundaries(),
            rules.negationWindow(),
            1);
    context = context.blocking(harmlessWords(context));

    List<MatchedIndicator> found = new ArrayList<>();
    List<MatchedIndicator> modifiers = new ArrayList<>();
    Map<String, Double> byCategory = new java.util.HashMap<>();
    boolean high = false;
    List<Indicator> matchedIndicators = new ArrayList<>();
    List<int[]> matchedPositions = new ArrayList<>();
    for (Indicator indicator : indicators) {
      if (indicator.effect() == Indicator.Effect.HARMLESS) {
        continue;
      }
      int[] positions = firstMatch(indicator, context);
      if (positions == null) {
        continue;
      }
      if (!indicator.effect().scores()) {
        modifiers.add(matched(indicator, indicator.weight(), tokens, positions));
        continue;
      }
      matchedIndicators.add(indicator);
      matchedPositions.add(positions);
    }
    // Signals count only for words no other indicator used: "afraid" inside "afraid for my
    // sister" is one sign, not two.
    boolean[] used = new boolean[tokens.size()];
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < matchedIndicators.size(); i++) {
        Indicator indicator = matchedIndicators.get(i);
        boolean signal = indicator.effect() == Indicator.Effect.SIGNAL;
        if (signal != (pass == 1)) {
          continue;
        }
        int[] positions = matchedPositions.get(i);
        double weight = signal && allUsed(used, positions) ? 0 : indicator.weight();
        for (int at : positions) {
          used[at] = true;
        }
        found.add(matched(indicator, weight, tokens, positions));
        byCategory.merge(indicator.category(), weight, Double::sum);
        high |= indicator.effect() == Indicator.Effect.HIGH;
      }
    }
    double score = 0;
    for (Map.Entry<String, Double> category : byCategory.entrySet()) {
      score += Math.min(category.getValue(), categoryLimits.getOrDefault(category.getKey(), 1e9));
    }
    RiskLevel level = levelOf(score, high);
    if (has(modifiers, Indicator.Effect.PAST) && level == RiskLevel.HIGH) {
      level = RiskLevel.MEDIUM;
    }
    if (has(modifiers, Indicator.Effect.GENERAL)) {
      level = level.lower();
    }
    boolean asksForPerson =
        found.stream().anyMatch(i -> RiskAssessment.ASKS_FOR_PERSON.equals(i.category()));
    if (asksForPerson) {
      level = RiskLevel.max(level, RiskLevel.MEDIUM);
    }
    return new RiskAssessment(language, level, score, found, modifiers, subjects(hits, tokens));
  }

  private static boolean has(List<MatchedIndicator> modifiers, Indicator.Effect effect) {
    String name = effect.name().toLowerCase(java.util.Locale.ROOT);
    return modifiers.stream().anyMatch(m -> m.strength().equals(name));
  }

  private static MatchedIndicator matched(
      Indicator indicator, double weight, List<Token> tokens, int[] positions) {
    return new MatchedIndicator(
        indicator.id(),
        indicator.category(),
        indicator.effect().name().toLowerCase(java.util.Locale.ROOT),
        weight,
        words(tokens, positions));
  }

  private static boolean allUsed(boolean[] used, int[] positions) {
    for (int at : positions) {
      if (!used[at]) {
        return false;
      }
    }
    return true;
  }

  static RiskLevel levelOf(double score, boolean anyHigh) {
    if (anyHigh || score >= HIGH_SCORE) {
      return RiskLevel.HIGH;
    }
    return score >= MEDIUM_SCORE ? RiskLevel.MEDIUM : RiskLevel.NONE;
  }

  /** Words that harmless phrases ("dying of heat") used: no other indicator may use them. */
  private boolean[] harmlessWords(MatchContext context) {
    boolean[] blocked = null;
    for (Indicator indicator : indicators) {
      if (indicator.effect() != Indicator.Effect.HARMLESS) {
        continue;
      }
      for (IndicatorPattern pattern : indicator.patterns()) {
        int[] positions;
        while ((positions = pattern.find(context)) != null) {
          if (blocked == null) {
            blocked = new boolean[context.tokens().size()];
          }
          for (int at : positions) {
            blocked[at] = true;
          }
          context = context.blocking(blocked);
        }
      }
    }
    return blocked;
  }

  private static int[] firstMatch(Indicator indicator, MatchContext context) {
    for (IndicatorPattern pattern : indicator.patterns()) {
      int[] positions = pattern.find(context);
      if (positions != null) {
        return positions;
      }
    }
    return null;
  }

  private static List<String> words(List<Token> tokens, int[] positions) {
    List<String> words = new ArrayList<>(positions.length);
    for (int at : positions) {
      words.add(tokens.get(at).original());
    }
    return words;
  }

  private Set<Subject> subjects(TermHits hits, List<Token> tokens) {
    Set<Subject> subjects = EnumSet.noneOf(Subject.class);
    classes
        .subjects()
        .forEach(
            (subject, terms) -> {
              for (Token token : tokens) {
                for (int term : terms) {
                  if (hits.isYes(term, token.index())) {
                    subjects.add(subject);
                  }
                }
              }
            });
    return subjects;
  }
}

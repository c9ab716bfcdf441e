package dev.selam.bot.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which language one message is in, and how sure that is. Lingua's n-gram models decide, over
 * the configured languages plus their close confusers, after the message's letters have ruled out
 * what they can ({@link ScriptRules}) and romanized Russian, Persian or Arabic has been recognised
 * by its frequent words ({@link RomanizedWords}).
 *
 * <p>Lingua keeps its models in static memory, some 30 MB per language in high-accuracy mode,
 * shared by every detector in the JVM. Building one with preloading is blocking work of a few
 * seconds.
 */
public final class LanguageDetector {
  private static final Logger log = LoggerFactory.getLogger(LanguageDetector.class);

  /**
   * A language the service does not speak wins only this far ahead of the best one it does: on a
   * word or two the models cannot tell Bulgarian "помогите" from Russian, and a near tie is better
   * answered in the supported language than refused.
   */
  static final double CONFUSER_MARGIN = 0.05;

  private final Set<String> supported;
  private final Set<String> modelled;
  private final com.github.pemistahl.lingua.api.LanguageDetector lingua;
  private final RomanizedWords romanized;

  private LanguageDetector(
      Set<String> supported,
      Set<String> modelled,
      com.github.pemistahl.lingua.api.LanguageDetector lingua,
      RomanizedWords romanized) {
    this.supported = supported;
    this.modelled = modelled;
    this.lingua = lingua;
    this.romanized = romanized;
  }

  /** A detector for the configured languages, its models loaded now (blocking, seconds). */
  public static LanguageDetector create(LanguageSettings settings) {
    return create(settings.languages(), true);
  }

  /**
   * A detector for these languages; without preloading, Lingua loads a model when a text first
   * needs it.
   */
  public static LanguageDetector create(List<String> languages, boolean preload) {
    Set<String> supported = new LinkedHashSet<>(languages);
    Set<String> modelled = new LinkedHashSet<>(supported);
    modelled.addAll(LinguaLanguages.CONFUSERS);
    List<Language> linguaLanguages = new ArrayList<>();
    for (String code : modelled) {
      linguaLanguages.add(
          LinguaLanguages.forCode(code)
              .orElseThrow(() -> new IllegalArgumentException("Lingua has no model for " + code)));
    }
    long start = System.nanoTime();
    LanguageDetectorBuilder builder =
        LanguageDetectorBuilder.fromLanguages(linguaLanguages.toArray(Language[]::new));
    if (preload) {
      builder = builder.withPreloadedLanguageModels();
    }
    com.github.pemistahl.lingua.api.LanguageDetector lingua = builder.build();
    if (preload) {
      log.atInfo()
          .addKeyValue("event", "language.models_loaded")
          .addKeyValue("languages", String.join(",", modelled))
          .addKeyValue("ms", (System.nanoTime() - start) / 1_000_000)
          .log("language models loaded");
    }
    return new LanguageDetector(
        Set.copyOf(supported), Set.copyOf(modelled), lingua, RomanizedWords.load(languages));
  }

  public LanguageGuess detect(String text) {
    TextSample sample = TextSample.of(text == null ? "" : text);
    if (sample.isEmpty()) {
      return LanguageGuess.none();
    }
    Optional<LanguageGuess> romanizedGuess = romanized.guess(sample);
    if (romanizedGuess.isPresent()) {
      return romanizedGuess.get();
    }
    Optional<Set<String>> allowed = ScriptRules.possibleLanguages(sample);
    if (allowed.isPresent()) {
      Set<String> candidates = new TreeSet<>(allowed.get());
      candidates.retainAll(modelled);
      if (candidates.size() <= 1) {
        String only =
            candidates.isEmpty()
                ? new TreeSet<>(allowed.get()).first()
                : candidates.iterator().next();
        return guess(only, 1.0, sample);
      }
    }
    List<Map.Entry<Language, Double>> ranked = new ArrayList<>();
    for (Map.Entry<Language, Double> entry :
        lingua.computeLanguageConfidenceValues(linguaText(sample)).entrySet()) {
      String code = LinguaLanguages.code(entry.getKey());
      if (allowed.map(a -> a.contains(code)).orElse(true) && entry.getValue() > 0) {
        ranked.add(entry);
      }
    }
    if (ranked.isEmpty()) {
      return new LanguageGuess(
          LanguageGuess.UNDETERMINED, false, 0, sample.words().size(), sample.letters());
    }
    ranked.sort(Map.Entry.<Language, Double>comparingByValue(Comparator.reverseOrder()));
    // Lingua's values are ratios of log-probabilities, the best at 1.0: one minus the runner-up's
    // is how far ahead the best is.
    double best = ranked.get(0).getValue();
    double next = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
    String top = LinguaLanguages.code(ranked.get(0).getKey());
    if (!supported.contains(top)) {
      Optional<Map.Entry<Language, Double>> bestSupported =
          ranked.stream()
              .filter(e -> supported.contains(LinguaLanguages.code(e.getKey())))
              .findFirst();
      if (bestSupported.isPresent()
          && 1 - bestSupported.get().getValue() / best < CONFUSER_MARGIN) {
        // A near tie: name the supported language, but without confidence.
        return guess(LinguaLanguages.code(bestSupported.get().getKey()), 0, sample);
      }
    }
    return guess(top, 1 - next / best, sample);
  }

  /**
   * Lingua 1.2.2 rules out Ukrainian for a word with щ (its letter table forgets that Ukrainian has
   * it), which makes "що", the commonest Ukrainian word, unreadable as Ukrainian. A word-initial щ
   * is read as ш, as colloquial Ukrainian spells it ("шо"); Russian words rarely start with щ and
   * keep theirs inside ("помощь", "ещё"), so Russian loses nothing.
   */
  private static String linguaText(TextSample sample) {
    StringBuilder text = new StringBuilder();
    for (String word : sample.words()) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(word.startsWith("щ") ? "ш" + word.substring(1) : word);
    }
    return text.toString();
  }

  private LanguageGuess guess(String code, double confidence, TextSample sample) {
    return new LanguageGuess(
        code, supported.contains(code), confidence, sample.words().size(), sample.letters());
  }

  /** The configured languages this detector can report as supported. */
  public Set<String> supported() {
    return supported;
  }
}

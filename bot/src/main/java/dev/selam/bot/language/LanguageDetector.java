package dev.selam.bot.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which language one message is in, and how sure that is. Lingua's n-gram models decide, over
 * the configured languages plus their close confusers, after the message's letters have ruled out
 * what they can ({@link ScriptRules}) and romanized Russian, Persian or Arabic has been recognised
 * by its frequent words ({@link RomanizedWords}).
 *
 * <p>Lingua keeps its models in static memory, shared by every detector in the JVM: some 30 MB of
 * heap per language with every n-gram size, 1 to 3 MB with trigrams alone. The supported languages
 * get every size, the confusers trigrams only (about 200 MB for six languages and four confusers,
 * against 300 MB with every size for all). Building one with preloading is blocking work of a few
 * seconds: call {@link #create(LanguageSettings)} off the event loop.
 *
 * <p>Lingua splits each detection into tasks for the common fork-join pool and waits for them.
 * Called from one of that pool's workers it runs them itself; called from any other thread it parks
 * until a worker has, a hand-off that costs more than the detection. The service therefore detects
 * with {@link #detectInPool}.
 */
public final class LanguageDetector {
  private static final Logger log = LoggerFactory.getLogger(LanguageDetector.class);

  /**
   * A language the service does not speak wins only this far ahead of the best one it does, and
   * only over two words or more: to the models one Russian word is often as good Bulgarian, and a
   * near tie is better answered in a supported language than refused.
   */
  static final double CONFUSER_MARGIN = 0.05;

  private final Set<String> supported;
  private final Set<String> modelled;
  private final com.github.pemistahl.lingua.api.LanguageDetector precise;
  private final com.github.pemistahl.lingua.api.LanguageDetector screening;
  private final RomanizedWords romanized;

  private LanguageDetector(
      Set<String> supported,
      Set<String> modelled,
      com.github.pemistahl.lingua.api.LanguageDetector precise,
      com.github.pemistahl.lingua.api.LanguageDetector screening,
      RomanizedWords romanized) {
    this.supported = supported;
    this.modelled = modelled;
    this.precise = precise;
    this.screening = screening;
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
    long start = System.nanoTime();
    // Every n-gram size for the languages the bot speaks; trigrams alone for the confusers, which
    // only have to be told apart clearly enough to refuse them. Lingua shares models between
    // detectors, so the supported languages' trigrams are loaded once.
    com.github.pemistahl.lingua.api.LanguageDetector precise =
        build(supported.size() > 1 ? supported : modelled, false, preload);
    com.github.pemistahl.lingua.api.LanguageDetector screening = build(modelled, true, preload);
    if (preload) {
      log.atInfo()
          .addKeyValue("event", "language.models_loaded")
          .addKeyValue("languages", String.join(",", supported))
          .addKeyValue("confusers", String.join(",", LinguaLanguages.CONFUSERS))
          .addKeyValue("ms", (System.nanoTime() - start) / 1_000_000)
          .log("language models loaded");
    }
    return new LanguageDetector(
        Set.copyOf(supported),
        Set.copyOf(modelled),
        precise,
        screening,
        RomanizedWords.load(languages));
  }

  private static com.github.pemistahl.lingua.api.LanguageDetector build(
      Set<String> codes, boolean lowAccuracy, boolean preload) {
    List<Language> languages = new ArrayList<>();
    for (String code : codes) {
      languages.add(
          LinguaLanguages.forCode(code)
              .orElseThrow(() -> new IllegalArgumentException("Lingua has no model for " + code)));
    }
    LanguageDetectorBuilder builder =
        LanguageDetectorBuilder.fromLanguages(languages.toArray(Language[]::new));
    if (lowAccuracy) {
      builder = builder.withLowAccuracyMode();
    }
    if (preload) {
      builder = builder.withPreloadedLanguageModels();
    }
    return builder.build();
  }

  /**
   * {@link #detect} run in the common fork-join pool, its result back on the caller's Vert.x
   * context. On dev-2c a detection took about 200 µs called from another thread, parked most of
   * that time, against 55 µs inside the pool (2026-12-07), and an event loop must not wait.
   */
  Future<LanguageGuess> detectInPool(TextSample sample) {
    Context context = Vertx.currentContext();
    CompletableFuture<LanguageGuess> guess =
        CompletableFuture.supplyAsync(() -> detect(sample), ForkJoinPool.commonPool());
    return context == null
        ? Future.fromCompletionStage(guess)
        : Future.fromCompletionStage(guess, context);
  }

  public LanguageGuess detect(String text) {
    return detect(TextSample.of(text == null ? "" : text));
  }

  private LanguageGuess detect(TextSample sample) {
    if (sample.isEmpty()) {
      return LanguageGuess.none();
    }
    Optional<LanguageGuess> romanizedGuess = romanized.guess(sample);
    if (romanizedGuess.isPresent()) {
      return romanizedGuess.get();
    }
    Set<String> candidates = new TreeSet<>(modelled);
    Optional<Set<String>> allowed = ScriptRules.possibleLanguages(sample);
    if (allowed.isPresent()) {
      candidates.retainAll(allowed.get());
      if (candidates.size() <= 1) {
        String only =
            candidates.isEmpty()
                ? new TreeSet<>(allowed.get()).first()
                : candidates.iterator().next();
        return guess(only, 1.0, sample);
      }
    }
    String lingua = linguaText(sample);
    Set<String> speakable = new TreeSet<>(candidates);
    speakable.retainAll(supported);
    List<Map.Entry<Language, Double>> ranked =
        speakable.isEmpty() ? List.of() : rank(precise, lingua, speakable);
    // The screening models matter only where a language the bot does not speak is still possible
    // (Latin letters leave none): skipping them there saves a third of a detection.
    boolean confusable = speakable.size() < candidates.size();
    List<Map.Entry<Language, Double>> screened =
        ranked.isEmpty() || (confusable && sample.words().size() >= 2)
            ? rank(screening, lingua, candidates)
            : List.of();
    if (ranked.isEmpty()) {
      ranked = screened;
    }
    if (ranked.isEmpty()) {
      return new LanguageGuess(
          LanguageGuess.UNDETERMINED, false, 0, sample.words().size(), sample.letters());
    }
    // Lingua's values are ratios of log-probabilities, the best at 1.0: one minus the runner-up's
    // is how far ahead the best is.
    String best = LinguaLanguages.code(ranked.get(0).getKey());
    double confidence =
        ranked.size() > 1 ? 1 - ranked.get(1).getValue() / ranked.get(0).getValue() : 1;
    if (supported.contains(best) && !screened.isEmpty() && sample.words().size() >= 2) {
      String screenedBest = LinguaLanguages.code(screened.get(0).getKey());
      if (!supported.contains(screenedBest)) {
        double lead = 1 - value(screened, best) / screened.get(0).getValue();
        if (lead >= CONFUSER_MARGIN) {
          return guess(screenedBest, lead, sample);
        }
      }
    }
    return guess(best, confidence, sample);
  }

  private static List<Map.Entry<Language, Double>> rank(
      com.github.pemistahl.lingua.api.LanguageDetector detector, String text, Set<String> codes) {
    List<Map.Entry<Language, Double>> ranked = new ArrayList<>();
    for (Map.Entry<Language, Double> entry :
        detector.computeLanguageConfidenceValues(text).entrySet()) {
      if (codes.contains(LinguaLanguages.code(entry.getKey())) && entry.getValue() > 0) {
        ranked.add(entry);
      }
    }
    ranked.sort(Map.Entry.<Language, Double>comparingByValue(Comparator.reverseOrder()));
    return ranked;
  }

  private static double value(List<Map.Entry<Language, Double>> ranked, String code) {
    for (Map.Entry<Language, Double> entry : ranked) {
      if (LinguaLanguages.code(entry.getKey()).equals(code)) {
        return entry.getValue();
      }
    }
    return 0;
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

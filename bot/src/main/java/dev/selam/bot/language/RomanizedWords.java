package dev.selam.bot.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Frequent words of a language written in Latin letters, as people type Russian, Persian or Arabic
 * without their own keyboard ("spasibo", "mersi", "shukran"). N-gram models trained on the native
 * script cannot see these; a short word list per language can. Lists are content: {@code
 * language/romanized/<code>.txt}, one word a line, {@code #} for comments.
 */
final class RomanizedWords {
  /** At least this many listed words, and this share of all words, before a text counts. */
  private static final int MIN_HITS = 2;

  private static final double MIN_SHARE = 0.34;

  private final Map<String, Set<String>> wordsByLanguage;

  private RomanizedWords(Map<String, Set<String>> wordsByLanguage) {
    this.wordsByLanguage = Map.copyOf(wordsByLanguage);
  }

  static RomanizedWords load(List<String> languages) {
    Map<String, Set<String>> lists = new HashMap<>();
    for (String language : languages) {
      read("/language/romanized/" + language + ".txt").ifPresent(w -> lists.put(language, w));
    }
    return new RomanizedWords(lists);
  }

  /** The language whose romanized words make up a good share of a Latin-script sample. */
  Optional<LanguageGuess> guess(TextSample sample) {
    if (sample.script() != Script.LATIN || sample.words().size() < MIN_HITS) {
      return Optional.empty();
    }
    String best = null;
    int bestHits = 0;
    for (Map.Entry<String, Set<String>> entry : wordsByLanguage.entrySet()) {
      int hits = 0;
      for (String word : sample.words()) {
        if (entry.getValue().contains(word)) {
          hits++;
        }
      }
      if (hits > bestHits) {
        best = entry.getKey();
        bestHits = hits;
      }
    }
    double share = (double) bestHits / sample.words().size();
    if (best == null || bestHits < MIN_HITS || share < MIN_SHARE) {
      return Optional.empty();
    }
    return Optional.of(
        new LanguageGuess(
            best, true, Math.min(1.0, share), sample.words().size(), sample.letters()));
  }

  private static Optional<Set<String>> read(String resource) {
    InputStream in = RomanizedWords.class.getResourceAsStream(resource);
    if (in == null) {
      return Optional.empty();
    }
    Set<String> words = new HashSet<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String word = line.strip().toLowerCase(Locale.ROOT);
        if (!word.isEmpty() && !word.startsWith("#")) {
          words.add(word);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return Optional.of(words);
  }
}

package dev.selam.bot.language;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores the detector on a labelled set: a TSV with a header line and rows {@code lang<TAB>text}.
 * Each row is one message judged on its own, with no conversation to lean on.
 */
public final class LanguageEval {
  private final LanguageDetector detector;

  public LanguageEval(LanguageDetector detector) {
    this.detector = detector;
  }

  /** One row the detector got wrong. */
  public record Miss(int line, String expected, LanguageGuess guess, String text) {}

  /** The figures, and the misses for a closer look. */
  public record Result(
      int n,
      double accuracy,
      Map<String, Double> byLanguage,
      Map<String, Map<String, Integer>> confusions,
      List<Miss> misses) {

    /** The one-line summary {@code selam eval lang} ends with. */
    public JsonObject toJson() {
      JsonObject byLang = new JsonObject();
      byLanguage.forEach((lang, accuracy) -> byLang.put(lang, round(accuracy)));
      JsonObject confused = new JsonObject();
      confusions.forEach((lang, counts) -> confused.put(lang, new JsonObject(Map.copyOf(counts))));
      return new JsonObject()
          .put("eval", "lang")
          .put("n", n)
          .put("accuracy", round(accuracy))
          .put("by_lang", byLang)
          .put("confusions", confused);
    }

    private static double round(double value) {
      return Math.round(value * 10_000) / 10_000.0;
    }
  }

  public Result run(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    Map<String, int[]> counts = new TreeMap<>();
    Map<String, Map<String, Integer>> confusions = new TreeMap<>();
    List<Miss> misses = new ArrayList<>();
    int n = 0;
    int correct = 0;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0) {
        throw new IllegalArgumentException(
            tsv + " line " + (i + 1) + ": expected lang<TAB>text, found no tab");
      }
      String expected = line.substring(0, tab).strip();
      String text = line.substring(tab + 1);
      LanguageGuess guess = detector.detect(text);
      int[] perLanguage = counts.computeIfAbsent(expected, k -> new int[2]);
      perLanguage[1]++;
      n++;
      if (expected.equals(guess.language())) {
        perLanguage[0]++;
        correct++;
      } else {
        confusions
            .computeIfAbsent(expected, k -> new TreeMap<>())
            .merge(guess.language(), 1, Integer::sum);
        misses.add(new Miss(i + 1, expected, guess, text));
      }
    }
    Map<String, Double> byLanguage = new TreeMap<>();
    counts.forEach((lang, c) -> byLanguage.put(lang, (double) c[0] / c[1]));
    return new Result(
        n, n == 0 ? 0 : (double) correct / n, byLanguage, confusions, List.copyOf(misses));
  }
}

package dev.selam.bot.risk;

import dev.selam.core.risk.RiskLevel;
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
 * Scores the assessor on a labelled set ({@code lang<TAB>level<TAB>category<TAB>text}, one header
 * line): how many dangerous messages it catches and how many harmless ones it flags.
 */
public final class RiskEvaluation {
  private RiskEvaluation() {}

  /** One labelled message; {@code line} is its line in the file. */
  public record Row(int line, String language, RiskLevel expected, String category, String text) {}

  /** A row and what the assessor made of it. */
  public record Outcome(Row row, RiskAssessment assessment) {
    public boolean miss() {
      return assessment.level() != row.expected();
    }
  }

  /**
   * The figures over some rows. A figure whose rows are absent (no {@code high} row in a language)
   * is NaN and printed as null.
   *
   * @param highRecall share of {@code high} rows assessed {@code high}
   * @param escalationRecall share of {@code high} and {@code medium} rows assessed at least medium
   * @param falseAlarm share of {@code none} rows assessed at least medium
   * @param levelAccuracy share of rows assessed at exactly their level
   */
  public record Figures(
      int n, double highRecall, double escalationRecall, double falseAlarm, double levelAccuracy) {

    static Figures of(List<Outcome> outcomes) {
      int high = 0;
      int highCaught = 0;
      int risky = 0;
      int riskyCaught = 0;
      int harmless = 0;
      int harmlessFlagged = 0;
      int exact = 0;
      for (Outcome outcome : outcomes) {
        RiskLevel expected = outcome.row().expected();
        RiskLevel got = outcome.assessment().level();
        if (expected == RiskLevel.HIGH) {
          high++;
          highCaught += got == RiskLevel.HIGH ? 1 : 0;
        }
        if (expected != RiskLevel.NONE) {
          risky++;
          riskyCaught += got.atLeast(RiskLevel.MEDIUM) ? 1 : 0;
        } else {
          harmless++;
          harmlessFlagged += got.atLeast(RiskLevel.MEDIUM) ? 1 : 0;
        }
        exact += got == expected ? 1 : 0;
      }
      return new Figures(
          outcomes.size(),
          share(highCaught, high),
          share(riskyCaught, risky),
          share(harmlessFlagged, harmless),
          share(exact, outcomes.size()));
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("n", n)
          .put("high_recall", rounded(highRecall))
          .put("escalation_recall", rounded(escalationRecall))
          .put("false_alarm", rounded(falseAlarm))
          .put("level_accuracy", rounded(levelAccuracy));
    }
  }

  /** The figures overall and per language, and every outcome (misses for --details). */
  public record Report(Figures overall, Map<String, Figures> byLanguage, List<Outcome> outcomes) {
    public List<Outcome> misses() {
      return outcomes.stream().filter(Outcome::miss).toList();
    }

    /** The one-line summary {@code selam eval risk} prints last. */
    public JsonObject toJson() {
      JsonObject byLang = new JsonObject();
      byLanguage.forEach((language, figures) -> byLang.put(language, figures.toJson()));
      JsonObject json = new JsonObject().put("eval", "risk");
      overall.toJson().forEach(entry -> json.put(entry.getKey(), entry.getValue()));
      return json.put("by_lang", byLang);
    }
  }

  /** Reads a labelled file; a malformed line fails with its number. */
  public static List<Row> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.getFirst().startsWith("lang\t")) {
      throw new IllegalArgumentException(
          file + ": the first line must be the header lang<TAB>level<TAB>category<TAB>text");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] columns = line.split("\t", 4);
      if (columns.length < 4) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": expected 4 tab-separated columns");
      }
      RiskLevel level;
      try {
        level = RiskLevel.parse(columns[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
      rows.add(new Row(i + 1, columns[0].strip(), level, columns[2].strip(), columns[3]));
    }
    return rows;
  }

  /** Assesses each row in its labelled language. */
  public static Report run(RiskAssessor assessor, List<Row> rows) {
    List<Outcome> outcomes = new ArrayList<>(rows.size());
    for (Row row : rows) {
      outcomes.add(new Outcome(row, assessor.assess(row.text(), row.language())));
    }
    Map<String, List<Outcome>> byLanguage = new TreeMap<>();
    for (Outcome outcome : outcomes) {
      byLanguage.computeIfAbsent(outcome.row().language(), k -> new ArrayList<>()).add(outcome);
    }
    Map<String, Figures> figures = new TreeMap<>();
    byLanguage.forEach((language, list) -> figures.put(language, Figures.of(list)));
    return new Report(Figures.of(outcomes), figures, outcomes);
  }

  private static double share(int part, int whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }

  private static Double rounded(double value) {
    return Double.isNaN(value) ? null : Math.round(value * 10_000) / 10_000.0;
  }
}

package dev.selam.knowledge.eval;

import dev.selam.knowledge.search.KnowledgeSearch;
import dev.selam.knowledge.search.SearchResult;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores the search on labelled questions ({@code lang<TAB>topic<TAB>question}, {@code none} for
 * out of scope, {@code auto} as language to let the search find it).
 */
public final class KbEval {
  public static final String NONE = "none";

  private KbEval() {}

  public record Row(String language, String topic, String question) {}

  public static List<Row> read(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split("\t", 3);
      if (cells.length == 3 && !cells[2].isBlank()) {
        rows.add(new Row(cells[0].strip(), cells[1].strip(), cells[2].strip()));
      }
    }
    return rows;
  }

  /** Runs every row, prints misses when asked, and returns the figures as one JSON object. */
  public static JsonObject run(
      List<Row> rows, KnowledgeSearch search, boolean details, PrintWriter out) {
    Tally all = new Tally();
    Map<String, Tally> byLanguage = new TreeMap<>();
    for (Row row : rows) {
      String language = "auto".equals(row.language()) ? null : row.language();
      SearchResult result = search.search(row.question(), language);
      Tally tally = byLanguage.computeIfAbsent(row.language(), l -> new Tally());
      boolean ok = all.add(row, result) & tally.add(row, result);
      if (details && !ok) {
        out.println(
            "MISS\t"
                + row.language()
                + "\t"
                + row.topic()
                + "\tgot "
                + result.hits().stream()
                    .limit(3)
                    .map(
                        h ->
                            h.topic()
                                + String.format(java.util.Locale.ROOT, "(%.2f)", h.confidence()))
                    .toList()
                + "\t"
                + row.question());
      }
    }
    JsonObject json = new JsonObject().put("eval", "kb");
    all.writeTo(json);
    JsonObject languages = new JsonObject();
    byLanguage.forEach(
        (language, tally) -> languages.put(language, tally.writeTo(new JsonObject())));
    return json.put("by_lang", languages);
  }

  private static final class Tally {
    int n;
    int answerable;
    int top1;
    int top3;
    double reciprocalRanks;
    int none;
    int noneAnswered;

    /** Records one row; true when the search did what it should. */
    boolean add(Row row, SearchResult result) {
      n++;
      if (NONE.equals(row.topic())) {
        none++;
        boolean answered = result.answer().isPresent();
        if (answered) {
          noneAnswered++;
        }
        return !answered;
      }
      answerable++;
      List<String> ranked = result.hits().stream().map(SearchResult.Hit::topic).toList();
      int rank = ranked.indexOf(row.topic());
      boolean first = rank == 0 && result.answer().isPresent();
      if (first) {
        top1++;
      }
      if (rank >= 0 && rank < 3) {
        top3++;
      }
      if (rank >= 0) {
        reciprocalRanks += 1.0 / (rank + 1);
      }
      return first;
    }

    JsonObject writeTo(JsonObject json) {
      return json.put("n", n)
          .put("top1", ratio(top1, answerable))
          .put("top3", ratio(top3, answerable))
          .put("mrr", ratio(reciprocalRanks, answerable))
          .put("none_n", none)
          .put("none_false_answer", ratio(noneAnswered, none));
    }

    private static double ratio(double part, int whole) {
      return whole == 0 ? 0 : Math.round(part / whole * 10_000) / 10_000.0;
    }
  }
}

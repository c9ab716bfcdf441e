package dev.selam.knowledge.search;

import dev.selam.knowledge.eval.KbEval;
import java.nio.file.Path;
import java.util.Set;

/** Development aid: prints the ranking evidence per question, to fit {@link Calibration}. */
public final class FeatureDump {
  public static void main(String[] args) throws Exception {
    var search = SeedIndex.search(Set.of("en", "tr", "ar", "ru", "fa", "uk"), Calibration.DEFAULT);
    for (var row : KbEval.read(Path.of(args[0]))) {
      var lang = "auto".equals(row.language()) ? null : row.language();
      var groups = search.termGroups(row.question(), lang == null ? "en" : lang);
      var result = search.search(row.question(), lang);
      var hits = result.hits();
      String top = hits.isEmpty() ? "-" : hits.get(0).topic();
      int rank = hits.stream().map(SearchResult.Hit::topic).toList().indexOf(row.topic());
      System.out.println(
          String.join(
              "\t",
              row.language(),
              row.topic(),
              top,
              String.valueOf(rank),
              String.valueOf(hits.isEmpty() ? 0 : hits.get(0).score()),
              String.valueOf(hits.size() > 1 ? hits.get(1).score() : 0),
              String.valueOf(hits.isEmpty() ? 0 : hits.get(0).coverage()),
              String.valueOf(hits.isEmpty() ? 0 : hits.get(0).margin()),
              String.valueOf(hits.size() > 1 ? hits.get(1).coverage() : 0),
              String.valueOf(groups.size()),
              groups.toString()));
    }
  }
}

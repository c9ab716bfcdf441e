package dev.selam.knowledge.search;

import dev.selam.knowledge.eval.KbEval;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Set;

/**
 * Development aid, not a test: prints the ranking evidence of every candidate per labelled question
 * as JSON lines, to fit {@link Calibration}'s weights.
 */
public final class FeatureDump {
  public static void main(String[] args) throws Exception {
    var search = SeedIndex.search(Set.of("en", "tr", "ar", "ru", "fa", "uk"), Calibration.DEFAULT);
    for (var row : KbEval.read(Path.of(args[0]))) {
      var lang = "auto".equals(row.language()) ? null : row.language();
      var result = search.search(row.question(), lang);
      JsonArray hits = new JsonArray();
      for (var hit : result.hits()) {
        var e = hit.evidence();
        hits.add(
            new JsonObject()
                .put("topic", hit.topic())
                .put("score", hit.score())
                .put("cov", e.coverage())
                .put("known", e.knownShare())
                .put("rel", e.relativeScore())
                .put("ex", e.exampleSimilarity()));
      }
      System.out.println(
          new JsonObject()
              .put("lang", row.language())
              .put("gold", row.topic())
              .put("hits", hits)
              .encode());
    }
  }
}

package dev.selam.knowledge.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.knowledge.search.Calibration;
import dev.selam.knowledge.search.SeedIndex;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The knowledge base's figures on the development questions, recorded so that a change to content,
 * analysis or calibration that makes them worse fails the build (see docs/BENCHMARKS.md).
 */
class KbEvalRegressionTest {
  @Test
  void seedContentMeetsTheRecordedFigures() throws Exception {
    Path file = Path.of(System.getProperty("selam.repo.root"), "..", "shared", "eval", "kb.tsv");
    var search = SeedIndex.search(Set.of("en", "tr", "ar", "ru", "fa", "uk"), Calibration.DEFAULT);

    JsonObject figures =
        KbEval.run(KbEval.read(file), search, false, new PrintWriter(new StringWriter()));

    assertThat(figures.getDouble("top1")).as("top1").isGreaterThanOrEqualTo(Recorded.TOP1);
    assertThat(figures.getDouble("top3")).as("top3").isGreaterThanOrEqualTo(Recorded.TOP3);
    assertThat(figures.getDouble("none_false_answer"))
        .as("none_false_answer")
        .isLessThanOrEqualTo(Recorded.NONE_FALSE_ANSWER);
    JsonObject byLanguage = figures.getJsonObject("by_lang");
    for (String language : byLanguage.fieldNames()) {
      assertThat(byLanguage.getJsonObject(language).getDouble("top1"))
          .as("top1 of " + language)
          .isGreaterThanOrEqualTo(Recorded.LANGUAGE_TOP1);
    }
  }

  /** Measured on 2026-12-07 (docs/BENCHMARKS.md); raise them when the figures improve. */
  static final class Recorded {
    static final double TOP1 = 0.93;
    static final double TOP3 = 0.99;
    static final double NONE_FALSE_ANSWER = 0.05;
    static final double LANGUAGE_TOP1 = 0.85;
  }
}

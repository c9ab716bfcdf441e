package dev.selam.bot.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.selam.knowledge.analysis.LanguageAnalyzers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The figures the shipped indicators reach on the shared development set, recorded so that a change
 * to an indicator file that makes them worse fails the build. Raise them when a change makes them
 * better. (The set is for measuring only: no sentence of it is in the indicator files.)
 */
class RiskEvaluationRegressionTest {
  // Recorded on ../shared/eval/risk.tsv (180 rows); the targets are 0.97, 0.95, 0.05, 0.93.
  static final double HIGH_RECALL = 1.0;
  static final double ESCALATION_RECALL = 1.0;
  static final double FALSE_ALARM = 0.0;
  static final double LEVEL_ACCURACY = 1.0;
  static final double HIGH_RECALL_PER_LANGUAGE = 1.0;

  @Test
  void developmentSetFiguresDoNotGetWorse() throws Exception {
    Path set =
        Path.of(System.getProperty("selam.repo.root", "."), "..", "shared", "eval", "risk.tsv");
    assumeTrue(Files.exists(set), "no development set at " + set);

    RiskEvaluation.Report report =
        RiskEvaluation.run(
            RiskAssessor.load(LanguageAnalyzers.SUPPORTED), RiskEvaluation.read(set));

    assertThat(report.overall().highRecall()).isGreaterThanOrEqualTo(HIGH_RECALL);
    assertThat(report.overall().escalationRecall()).isGreaterThanOrEqualTo(ESCALATION_RECALL);
    assertThat(report.overall().falseAlarm()).isLessThanOrEqualTo(FALSE_ALARM);
    assertThat(report.overall().levelAccuracy()).isGreaterThanOrEqualTo(LEVEL_ACCURACY);
    assertThat(report.byLanguage()).containsOnlyKeys(LanguageAnalyzers.SUPPORTED);
    report
        .byLanguage()
        .forEach(
            (language, figures) ->
                assertThat(figures.highRecall())
                    .as("high recall in %s", language)
                    .isGreaterThanOrEqualTo(HIGH_RECALL_PER_LANGUAGE));
  }

  /**
   * Messages written for the product (never taken from an evaluation set), several per indicator
   * and language, including harmless ones with alarming words: a wider net than the development
   * set, so a narrowed pattern shows up here.
   */
  @Test
  void writtenExamplesKeepTheirLevels() throws Exception {
    Path examples = Path.of(getClass().getResource("/risk/written-examples.tsv").toURI());
    RiskEvaluation.Report report =
        RiskEvaluation.run(
            RiskAssessor.load(LanguageAnalyzers.SUPPORTED), RiskEvaluation.read(examples));

    assertThat(report.overall().n()).isGreaterThan(500);
    assertThat(report.overall().highRecall()).isEqualTo(1.0);
    assertThat(report.overall().escalationRecall()).isEqualTo(1.0);
    assertThat(report.overall().falseAlarm()).isEqualTo(0.0);
    // two judgement calls where the engine errs on the safe side (high for medium)
    assertThat(report.misses()).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void summaryIsOneJsonObjectWithTheAgreedFields() throws Exception {
    Path file = Files.createTempFile("risk", ".tsv");
    Files.writeString(
        file,
        "lang\tlevel\tcategory\ttext\n"
            + "en\thigh\tself-harm\tI want to kill myself tonight\n"
            + "en\tnone\tnone\twhere is the bus station?\n"
            + "tr\tmedium\tasks-for-person\tbir insanla konuşmak istiyorum\n");
    RiskEvaluation.Report report =
        RiskEvaluation.run(
            RiskAssessor.load(LanguageAnalyzers.SUPPORTED), RiskEvaluation.read(file));
    Files.delete(file);

    assertThat(report.toJson().fieldNames())
        .containsExactly(
            "eval",
            "n",
            "high_recall",
            "escalation_recall",
            "false_alarm",
            "level_accuracy",
            "by_lang");
    assertThat(report.toJson().getInteger("n")).isEqualTo(3);
    assertThat(report.toJson().getJsonObject("by_lang").getJsonObject("tr").getValue("high_recall"))
        .isNull();
    assertThat(report.misses()).isEmpty();
  }
}

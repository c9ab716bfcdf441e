package dev.selam.bot.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.config.Settings;
import dev.selam.core.risk.RiskLevel;
import dev.selam.knowledge.analysis.LanguageAnalyzers;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indicator file format, on small files written here. */
class IndicatorFileTest {
  static final String HEADER =
      """
      [language]
      negation-window = 2
      [words]
      not = not | never | don't
      age = years | old | i'm
      child = child | boy | girl | #minor
      take = take | took | taken | keep* | kept
      """;

  static RiskAssessor file(String indicators) {
    return RiskAssessor.of("en", new StringReader(HEADER + indicators));
  }

  @Test
  void proximityFindsWordsWithinTheGapInEitherOrder() {
    RiskAssessor assessor =
        file(
            """
            [indicator documents]
            category = trafficking-labour
            level = high
            match = @take ~3 passport
            """);
    assertThat(assessor.assess("they took my old passport", "en").level())
        .isEqualTo(RiskLevel.HIGH);
    assertThat(assessor.assess("my passport they kept", "en").level()).isEqualTo(RiskLevel.HIGH);
    assertThat(assessor.assess("they took the bus and then my passport", "en").level())
        .isEqualTo(RiskLevel.NONE);
  }

  @Test
  void aNearMatchStaysInItsClause() {
    RiskAssessor assessor =
        file(
            """
            [indicator documents]
            category = trafficking-labour
            level = high
            match = @take ~3 passport
            """);
    assertThat(assessor.assess("they took nothing, passport is at home", "en").level())
        .isEqualTo(RiskLevel.NONE);
  }

  @Test
  void negationBeforeAMatchedWordCancelsItUnlessThePatternSpellsIt() {
    RiskAssessor assessor =
        file(
            """
            [indicator documents]
            category = trafficking-labour
            level = high
            match = @take ~3 passport
            match = don't ~0 give ~0 back ~2 passport
            """);
    assertThat(assessor.assess("they did not take my passport", "en").level())
        .isEqualTo(RiskLevel.NONE);
    assertThat(assessor.assess("they never took the passport", "en").level())
        .isEqualTo(RiskLevel.NONE);
    assertThat(assessor.assess("they don't give back my passport", "en").level())
        .isEqualTo(RiskLevel.HIGH);
  }

  @Test
  void minorAgeNeedsAnAgeWordBesideTheNumber() {
    RiskAssessor assessor =
        file(
            """
            [indicator child-married]
            category = child-marriage
            level = high
            match = #minor ~6 marry | married
            """);
    assertThat(assessor.assess("I'm 15 and they want me married", "en").level())
        .isEqualTo(RiskLevel.HIGH);
    assertThat(assessor.assess("we married 3 months ago", "en").level()).isEqualTo(RiskLevel.NONE);
  }

  @Test
  void signalsAddUpAndLimitsCapACategory() {
    RiskAssessor assessor =
        file(
            """
            [limits]
            deceptive-recruitment = 3
            [indicator offer]
            category = deceptive-recruitment
            level = signal
            match = job ~4 abroad
            [indicator fee]
            category = deceptive-recruitment
            level = medium
            match = pay ~3 first
            [indicator secret]
            category = deceptive-recruitment
            level = medium
            match = tell ~1 nobody
            """);
    assertThat(assessor.assess("a job abroad", "en").level()).isEqualTo(RiskLevel.NONE);
    assertThat(assessor.assess("a job abroad but I pay them first", "en").level())
        .isEqualTo(RiskLevel.MEDIUM);
    RiskAssessment all =
        assessor.assess("a job abroad, I pay them first and I must tell nobody", "en");
    assertThat(all.level()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(all.score()).isEqualTo(3);
  }

  @Test
  void harmlessWordsMatchNothingElseAndGeneralQuestionsAreOneLevelLower() {
    RiskAssessor assessor =
        file(
            """
            [indicator die]
            category = self-harm
            level = high
            match = die | dying
            [indicator heat]
            level = harmless
            match = dying ~2 heat
            [indicator forced]
            category = trafficking-labour
            level = medium
            match = forced ~1 labour
            [indicator question]
            level = general
            match = what ~1 is
            """);
    assertThat(assessor.assess("I am dying of the heat", "en").level()).isEqualTo(RiskLevel.NONE);
    assertThat(assessor.assess("I want to die", "en").level()).isEqualTo(RiskLevel.HIGH);
    assertThat(assessor.assess("what is forced labour", "en").level()).isEqualTo(RiskLevel.NONE);
  }

  @Test
  void mistakesNameTheLine() {
    assertThatThrownBy(
            () -> file("[indicator x]\ncategory = violence\nlevel = high\nmatch = @nope\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 11")
        .hasMessageContaining("@nope");
    assertThatThrownBy(() -> file("[indicator x]\ncategory = violnce\nlevel = high\nmatch = a\n"))
        .hasMessageContaining("unknown category 'violnce'");
    assertThatThrownBy(() -> file("[indicator x]\ncategory = violence\nlevel = loud\nmatch = a\n"))
        .hasMessageContaining("level 'loud'");
    assertThatThrownBy(
            () -> file("[indicator x]\ncategory = violence\nlevel = high\nmatch = a ~3\n"))
        .hasMessageContaining("ends without a word");
  }

  @Test
  void aFileInTheConfiguredDirectoryReplacesTheShippedOne(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("en.txt"),
        HEADER + "[indicator tea]\ncategory = violence\nlevel = high\nmatch = tea\n");
    RiskSettings settings =
        RiskSettings.from(Settings.of(Map.of(RiskSettings.INDICATORS, dir.toString())));
    RiskAssessor assessor = RiskAssessor.load(List.of("en", "tr"), settings);
    assertThat(assessor.assess("a cup of tea", "en").level()).isEqualTo(RiskLevel.HIGH);
    assertThat(assessor.assess("kendimi öldürmek istiyorum", "tr").level())
        .isEqualTo(RiskLevel.HIGH);
    assertThatThrownBy(
            () ->
                RiskSettings.from(
                    Settings.of(Map.of(RiskSettings.INDICATORS, dir.resolve("none").toString()))))
        .hasMessageContaining(RiskSettings.INDICATORS);
  }

  @Test
  void everyShippedFileLoads() {
    RiskAssessor assessor = RiskAssessor.load(LanguageAnalyzers.SUPPORTED);
    assertThat(assessor.languages())
        .containsExactlyInAnyOrderElementsOf(LanguageAnalyzers.SUPPORTED);
  }
}

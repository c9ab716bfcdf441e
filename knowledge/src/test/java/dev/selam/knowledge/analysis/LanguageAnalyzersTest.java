package dev.selam.knowledge.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageAnalyzersTest {
  static List<String> terms(String language, String text) {
    return TextAnalysis.termTexts(LanguageAnalyzers.index(language), text);
  }

  @Test
  void turkishTypedWithoutAccentsMeetsTheAccentedForm() {
    assertThat(terms("tr", "kimlik kartimi kaybettim"))
        .isEqualTo(terms("tr", "Kimlik kartımı kaybettim"))
        .isNotEmpty();
    assertThat(terms("tr", "İŞÇİ")).isEqualTo(terms("tr", "isci"));
  }

  @Test
  void turkishInflectionsShareAStem() {
    assertThat(terms("tr", "pasaportumu")).isEqualTo(terms("tr", "pasaport"));
  }

  @Test
  void arabicLetterVariantsAndDiacriticsFold() {
    assertThat(terms("ar", "إقامة")).isEqualTo(terms("ar", "اقامه"));
    assertThat(terms("ar", "مُسَاعَدَة")).isEqualTo(terms("ar", "مساعدة"));
  }

  @Test
  void persianTypedWithArabicYehAndKafFolds() {
    assertThat(terms("fa", "كمك")).isEqualTo(terms("fa", "کمک"));
    assertThat(terms("fa", "مي\u200Cخواهم")).isEqualTo(terms("fa", "مي خواهم"));
  }

  @Test
  void russianYoFoldsAndInflectionsShareAStem() {
    assertThat(terms("ru", "ещё")).isEqualTo(terms("ru", "еще"));
    assertThat(terms("ru", "паспорта")).isEqualTo(terms("ru", "паспорт"));
  }

  @Test
  void ukrainianIsLemmatised() {
    assertThat(terms("uk", "паспорта")).contains("паспорт");
    assertThat(terms("uk", "ґрунт")).isEqualTo(terms("uk", "грунт"));
  }

  @Test
  void englishPluralsAndStopWords() {
    assertThat(terms("en", "the passports")).isEqualTo(terms("en", "passport"));
  }

  @Test
  void querySynonymsExpandAndIndexChainStaysPlain() {
    var synonyms = Synonyms.parse("en", new StringReader("deportation, removal\n"));
    var query = LanguageAnalyzers.query("en", synonyms);
    assertThat(TextAnalysis.termTexts(query, "deportation"))
        .containsAll(terms("en", "removal"))
        .containsAll(terms("en", "deportation"));
    assertThat(terms("en", "deportation")).doesNotContainAnyElementsOf(terms("en", "removal"));
    assertThat(Synonyms.parse("en", new StringReader("# nothing\n"))).isEqualTo(Optional.empty());
  }
}

package dev.selam.bot.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.risk.RiskLevel;
import dev.selam.knowledge.analysis.LanguageAnalyzers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped indicator files, on sentences written for these tests. */
class RiskAssessorTest {
  static RiskAssessor assessor;

  @BeforeAll
  static void load() {
    assessor = RiskAssessor.load(LanguageAnalyzers.SUPPORTED);
  }

  static RiskLevel level(String language, String text) {
    return assessor.assess(text, language).level();
  }

  @Nested
  class Negation {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            en | my boss took my passport and keeps it in his office
            tr | patron pasaportumu aldı, geri vermiyor
            fa | کارفرما پاسپورتم را گرفت و پس نمیده
            ru | хозяин забрал паспорт и держит у себя
            uk | хазяїн забрав мій паспорт
            ar | صاحب الشغل أخد جوازي
            """)
    void documentsTakenAreHigh(String language, String text) {
      assertThat(level(language, text)).isEqualTo(RiskLevel.HIGH);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            en | they did not take my passport, I only lost it at the market
            tr | pasaportumu almadılar, sadece kaybettim
            fa | پاسپورتم را نگرفتند، خودم گمش کردم
            ru | паспорт у меня не забирали, я его потеряла
            uk | паспорт у мене не забирали, я його загубила
            ar | ما أخدوا جوازي، أنا ضيعته
            """)
    void negatedTakingIsNotAnIndicator(String language, String text) {
      assertThat(level(language, text)).isEqualTo(RiskLevel.NONE);
    }

    @Test
    void turkishNegativeSuffixIsNotTheVerb() {
      assertThat(level("tr", "patron kapıyı kilitliyor")).isEqualTo(RiskLevel.HIGH);
      assertThat(level("tr", "patron kapıyı kilitlemiyor, istediğimiz zaman çıkıyoruz"))
          .isEqualTo(RiskLevel.NONE);
    }

    @Test
    void aNegationThePatternSpellsIsTheDanger() {
      assertThat(level("en", "they don't let us go out of the flat")).isEqualTo(RiskLevel.HIGH);
      assertThat(level("ru", "нас не выпускают из квартиры")).isEqualTo(RiskLevel.HIGH);
      assertThat(level("fa", "نمیذارن از خونه بیرون بریم")).isEqualTo(RiskLevel.HIGH);
    }
  }

  @Nested
  class WhoItHappensTo {
    @Test
    void aRelativeInDangerIsStillHigh() {
      RiskAssessment sister = assessor.assess("they force my sister to sleep with clients", "en");
      assertThat(sister.level()).isEqualTo(RiskLevel.HIGH);
      assertThat(sister.subjects()).contains(Subject.RELATIVE);
    }

    @Test
    void aChildAloneWithAStrangerIsHigh() {
      RiskAssessment child =
          assessor.assess(
              "a little girl is alone at the bus station and a stranger wants to take her in his car",
              "en");
      assertThat(child.level()).isEqualTo(RiskLevel.HIGH);
      assertThat(child.subjects()).contains(Subject.CHILD);
    }

    @Test
    void aMinorsAgeMakesMarriageChildMarriage() {
      RiskAssessment minor =
          assessor.assess("kızım 14 yaşında, kocam onu gelecek ay evlendirecek", "tr");
      assertThat(minor.level()).isEqualTo(RiskLevel.HIGH);
      assertThat(minor.mainCategory()).contains("child-marriage");
      assertThat(level("tr", "kızım 24 yaşında, gelecek ay evlenecek, hangi belgeler lazım"))
          .isEqualTo(RiskLevel.NONE);
    }
  }

  @Nested
  class SpellingAsPeopleType {
    @Test
    void missingDiacriticsMatchTheSameIndicators() {
      assertThat(level("tr", "patron pasaportumu aldi disari cikmamiza izin vermiyor"))
          .isEqualTo(RiskLevel.HIGH);
      assertThat(level("ar", "اخدو جوازي وما بيخلوني اطلع")).isEqualTo(RiskLevel.HIGH);
      assertThat(level("ru", "муж избил, боюсь идти домой")).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void oneTypoInALongWordStillMatches() {
      RiskAssessment typo = assessor.assess("the boss took my pasport", "en");
      assertThat(typo.level()).isEqualTo(RiskLevel.HIGH);
      assertThat(typo.indicators().getFirst().words()).contains("pasport");
    }

    @Test
    void persianVerbPrefixWrittenApartOrJoinedReadsAlike() {
      assertThat(level("fa", "می خوام خودکشی کنم")).isEqualTo(RiskLevel.HIGH);
      assertThat(level("fa", "میخوام خودکشی کنم")).isEqualTo(RiskLevel.HIGH);
    }
  }

  @Nested
  class HarmlessMessages {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            en | what is human trafficking exactly?
            en | what is the legal age of marriage here?
            en | this traffic is killing me, I will be late for my appointment
            en | my phone died, can I book a new appointment?
            tr | insan ticareti nedir?
            tr | Türkiye'de yasal evlilik yaşı kaç?
            tr | sıcaktan ölüyorum, ücretsiz havuz var mı
            ar | شو يعني الاتجار بالبشر؟
            ar | رح موت من الحر، في مسبح قريب؟
            ru | что такое торговля людьми?
            ru | умираю от жары, где бесплатный бассейн?
            uk | що таке торгівля людьми?
            uk | в автобусі ледь не помираю від спеки, коли полагодять кондиціонер?
            fa | قاچاق انسان یعنی چه؟
            fa | تو اتوبوس از گرما داشتم میمردم، کولر ندارن؟
            """)
    void generalQuestionsAndHarmlessSensesStayNone(String language, String text) {
      assertThat(level(language, text)).isEqualTo(RiskLevel.NONE);
    }
  }

  @Nested
  class PersonRequest {
    @Test
    void theCommandIsAlwaysAtLeastMedium() {
      RiskAssessment command = assessor.assess("/person", "en");
      assertThat(command.level()).isEqualTo(RiskLevel.MEDIUM);
      assertThat(command.asksForPerson()).isTrue();
      assertThat(assessor.assessInAnyLanguage("/person@SelamBot").asksForPerson()).isTrue();
    }

    @Test
    void askingInWordsIsMediumEvenInAGeneralQuestion() {
      RiskAssessment words =
          assessor.assess("what is forced labour? I want to speak with a human being", "en");
      assertThat(words.level()).isEqualTo(RiskLevel.MEDIUM);
      assertThat(words.asksForPerson()).isTrue();
      assertThat(level("tr", "bir görevliyle konuşmak istiyorum")).isEqualTo(RiskLevel.MEDIUM);
    }
  }

  @Test
  void pastExploitationIsMedium() {
    RiskAssessment past =
        assessor.assess(
            "three years ago they took my passport at a farm, I escaped and now I am safe", "en");
    assertThat(past.level()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(past.modifiers()).extracting(MatchedIndicator::strength).contains("past");
  }

  @Test
  void reasonsNameTheIndicatorAndTheWordsButEventsGetNoWords() {
    RiskAssessment assessment =
        assessor.assess("the agency took our passports and we have no salary for 3 months", "en");
    assertThat(assessment.reasons().encode()).contains("documents-taken").contains("passports");
    assertThat(assessment.reasonsWithoutWords().encode())
        .contains("documents-taken")
        .doesNotContain("passports");
  }

  @Test
  void withoutALanguageEveryLanguageIsTried() {
    RiskAssessment unknown = assessor.assessInAnyLanguage("хочу покончить с собой");
    assertThat(unknown.level()).isEqualTo(RiskLevel.HIGH);
    assertThat(unknown.language()).isEqualTo("ru");
    assertThat(assessor.assess("хочу покончить с собой", "xx").level()).isEqualTo(RiskLevel.HIGH);
    assertThat(assessor.assessInAnyLanguage("good morning").level()).isEqualTo(RiskLevel.NONE);
  }

  @Test
  void emptyTextIsNone() {
    assertThat(level("en", "   ")).isEqualTo(RiskLevel.NONE);
    assertThat(level("fa", "🙏")).isEqualTo(RiskLevel.NONE);
  }
}

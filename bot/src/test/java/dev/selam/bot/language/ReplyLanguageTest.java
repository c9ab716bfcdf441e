package dev.selam.bot.language;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.language.ReplyLanguage.Choice;
import dev.selam.bot.language.ReplyLanguage.Request;
import dev.selam.bot.language.ReplyLanguage.Source;
import dev.selam.core.config.Settings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyLanguageTest {
  final ReplyLanguage policy = new ReplyLanguage(Detectors.SETTINGS, Detectors.shared());

  static final String RUSSIAN = "Подскажите, пожалуйста, где можно продлить вид на жительство";
  static final String UKRAINIAN = "Підкажіть, будь ласка, де можна продовжити посвідку";

  Choice choose(String explicit, String text, String telegram, String conversation) {
    return policy.choose(
        new Request(
            Optional.ofNullable(explicit),
            text,
            Optional.ofNullable(telegram),
            Optional.ofNullable(conversation)));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "-  | ok                                    | tr | ru",
        "-  | thank you                             | tr | -",
        "-  | спасибо                               | en | uk",
        "uk | Подскажите, где можно продлить вид на жительство | en | tr",
        "de | Подскажите, где можно продлить вид на жительство | en | tr",
        "-  | Подскажите, где можно продлить вид на жительство | en | tr",
        "-  | Маған көмек керек, құжаттарым жоқ     | -  | ru",
        "-  | How do I renew my residence permit?   | ar | fa",
        "-  | -                                     | tr | -",
      })
  void choosingInThePoolAnswersAsChoosingInPlace(
      String explicit, String text, String telegram, String conversation) {
    Request request =
        new Request(
            Optional.ofNullable(explicit),
            text == null ? "" : text,
            Optional.ofNullable(telegram),
            Optional.ofNullable(conversation));
    Choice inPlace = policy.choose(request);
    Choice inPool = policy.chooseInPool(request).await();
    assertThat(inPool.language()).isEqualTo(inPlace.language());
    assertThat(inPool.source()).isEqualTo(inPlace.source());
  }

  @Test
  void explicitChoiceWinsOverEverything() {
    Choice choice = choose("uk", RUSSIAN, "en", "tr");
    assertThat(choice.language()).isEqualTo("uk");
    assertThat(choice.source()).isEqualTo(Source.EXPLICIT);
  }

  @Test
  void explicitChoiceOfALanguageNoLongerConfiguredIsIgnored() {
    Choice choice = choose("de", RUSSIAN, "en", "tr");
    assertThat(choice.language()).isEqualTo("ru");
    assertThat(choice.source()).isEqualTo(Source.DETECTED);
  }

  @Test
  void confidentDetectionWinsOverConversationAndTelegram() {
    Choice choice = choose(null, RUSSIAN, "en", "tr");
    assertThat(choice.language()).isEqualTo("ru");
    assertThat(choice.source()).isEqualTo(Source.DETECTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ok", "OK!", "thanks", "thx", "👍", "🙏🙏", "12", "ладно", "tamam", ""})
  void aShortMessageNeverFlipsTheConversationsLanguage(String text) {
    Choice choice = choose(null, text, "en", "ar");
    assertThat(choice.language()).isEqualTo("ar");
    assertThat(choice.source()).isEqualTo(Source.CONVERSATION);
  }

  @Test
  void conversationStaysInItsLanguageAcrossShortRepliesThenFollowsAClearSwitch() {
    String language = choose(null, RUSSIAN, "en", null).language();
    for (String text : new String[] {"ok", "да", "👍", "thanks"}) {
      language = choose(null, text, "en", language).language();
      assertThat(language).isEqualTo("ru");
    }
    language = choose(null, UKRAINIAN, "en", language).language();
    assertThat(language).isEqualTo("uk");
  }

  @Test
  void telegramLanguageCodeStartsAConversationWhenTheTextSaysLittle() {
    Choice choice = choose(null, "hi", "tr", null);
    assertThat(choice.language()).isEqualTo("tr");
    assertThat(choice.source()).isEqualTo(Source.TELEGRAM);
  }

  @Test
  void telegramLanguageCodeWithARegionCounts() {
    assertThat(choose(null, "ok", "uk-UA", null).language()).isEqualTo("uk");
    assertThat(choose(null, "ok", "pt-br", null).source()).isEqualTo(Source.DEFAULT);
  }

  @Test
  void withNothingToGoByTheDefaultLanguageIsUsed() {
    Choice choice = choose(null, "👍", null, null);
    assertThat(choice.language()).isEqualTo("en");
    assertThat(choice.source()).isEqualTo(Source.DEFAULT);

    ReplyLanguage turkishDefault =
        new ReplyLanguage(
            LanguageSettings.from(Settings.of(Map.of("SELAM_DEFAULT_LANGUAGE", "tr"))),
            Detectors.shared());
    assertThat(
            turkishDefault
                .choose(new Request(Optional.empty(), "", Optional.empty(), Optional.empty()))
                .language())
        .isEqualTo("tr");
  }

  @Test
  void anUnsupportedLanguageIsNotForcedIntoASupportedOne() {
    Choice choice = choose(null, "Маған көмек керек, құжаттарым жоқ", null, "ru");
    assertThat(choice.guess().language()).isEqualTo("kk");
    assertThat(choice.language()).isEqualTo("ru");
    assertThat(choice.source()).isEqualTo(Source.CONVERSATION);
  }

  @Test
  void persianInAnArabicConversationSwitchesToPersian() {
    Choice choice = choose(null, "ببخشید، من نمی‌دانم کجا باید بروم", "en", "ar");
    assertThat(choice.language()).isEqualTo("fa");
    assertThat(choice.source()).isEqualTo(Source.DETECTED);
  }

  @Test
  void arabicInAPersianConversationSwitchesToArabic() {
    Choice choice = choose(null, "لو سمحت، ما بعرف وين لازم روح بكرا", "en", "fa");
    assertThat(choice.language()).isEqualTo("ar");
  }

  @Test
  void ukrainianInARussianConversationSwitchesToUkrainian() {
    Choice choice = choose(null, UKRAINIAN, "ru", "ru");
    assertThat(choice.language()).isEqualTo("uk");
    assertThat(choice.source()).isEqualTo(Source.DETECTED);
  }

  @Test
  void russianInAUkrainianConversationSwitchesToRussian() {
    assertThat(choose(null, RUSSIAN, "uk", "uk").language()).isEqualTo("ru");
  }

  @Test
  void turkishTypedWithoutAccentsSwitchesAnEnglishConversation() {
    Choice choice =
        choose(null, "bugun aksam hastaneye gitmem gerekiyor mu bilmiyorum", "en", "en");
    assertThat(choice.language()).isEqualTo("tr");
    assertThat(choice.source()).isEqualTo(Source.DETECTED);
  }
}

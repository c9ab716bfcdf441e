package dev.selam.bot.language;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.i18n.Messages;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageDetectorTest {
  final LanguageDetector detector = Detectors.shared();

  record Answered(Context context, String thread, LanguageGuess guess) {}

  @Test
  void detectionInThePoolAnswersOnTheCallersContext() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Answered> answered = new CompletableFuture<>();
      context.runOnContext(
          v ->
              detector
                  .detectInPool(TextSample.of("Где можно найти врача?"))
                  .onComplete(
                      guess ->
                          answered.complete(
                              new Answered(
                                  Vertx.currentContext(),
                                  Thread.currentThread().getName(),
                                  guess.result()))));
      Answered answer = answered.get(30, TimeUnit.SECONDS);
      assertThat(answer.context()).isSameAs(context);
      assertThat(answer.thread()).contains("eventloop");
      assertThat(answer.guess()).isEqualTo(detector.detect("Где можно найти врача?"));
      assertThat(answer.guess().language()).isEqualTo("ru");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fa | من می‌خواهم برای بچه‌هایم مدرسه پیدا کنم",
        "fa | کارفرمای من حقوقم را نمی‌دهد",
        "fa | ما در شهر زندگي ميكنيم و هنوز كار نداريم",
        "ar | أريد أن أعرف أين يمكنني تجديد الإقامة",
        "ar | وين بقدر لاقي شغل هون؟",
        "ar | المستشفى طلب مني ورقة من الهجرة",
      })
  void persianAndArabicAreToldApart(String expected, String text) {
    assertThat(detector.detect(text).language()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "uk | Де можна знайти лікаря?",
        "uk | Що тепер буде з документами?",
        "uk | Мені потрібна допомога з житлом",
        "uk | Чи можна прийти завтра?",
        "ru | Где можно найти врача?",
        "ru | Что делать с документами?",
        "ru | Мне нужна помощь с жильём",
        "ru | Подскажите, пожалуйста, куда обратиться",
        "ru | Спасибо за помощь, до свидания",
      })
  void ukrainianAndRussianAreToldApart(String expected, String text) {
    assertThat(detector.detect(text).language()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cocugumu okula kaydettirmek istiyorum ne yapmaliyim",
        "is yerinde maasimi odemiyorlar",
        "hastaneye gitmem lazim ama param yok",
      })
  void turkishTypedWithoutAccentsIsTurkish(String text) {
    LanguageGuess guess = detector.detect(text);
    assertThat(guess.language()).isEqualTo("tr");
    assertThat(guess.supported()).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kk | Маған көмек керек, құжаттарым жоқ",
        "bg | Къде мога да намеря лекар в града?",
        "ur | مجھے مدد چاہیے، میرے کاغذات نہیں ہیں",
        "az | Mənə kömək lazımdır, sənədlərim yoxdur",
        "be | Мне патрэбна дапамога, у мяне няма грошай",
      })
  void closeConfusersAreReportedAsUnsupported(String expected, String text) {
    LanguageGuess guess = detector.detect(text);
    assertThat(guess.language()).isEqualTo(expected);
    assertThat(guess.supported()).isFalse();
  }

  @Test
  void romanizedRussianIsRussian() {
    LanguageGuess guess =
        detector.detect("zdravstvuyte, mne nuzhno uznat gde mozhno sdelat dokumenty");
    assertThat(guess.language()).isEqualTo("ru");
    assertThat(guess.supported()).isTrue();
  }

  @Test
  void englishWithAFewRomanizedWordsStaysEnglish() {
    assertThat(detector.detect("my friend says spasibo a lot, what does it mean?").language())
        .isEqualTo("en");
  }

  @Test
  void wordsInAnotherScriptDoNotDecide() {
    assertThat(detector.detect("okay, большое спасибо, всё понятно 😊").language()).isEqualTo("ru");
    assertThat(detector.detect("в nüfus müdürlüğü сказали прийти через неделю").language())
        .isEqualTo("ru");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "👍", "🙏🙏", "12345", "10:30 12.05", "?!"})
  void textWithoutLettersHasNoLanguage(String text) {
    LanguageGuess guess = detector.detect(text);
    assertThat(guess.language()).isEqualTo(LanguageGuess.UNDETERMINED);
    assertThat(guess.supported()).isFalse();
    assertThat(guess.confidence()).isZero();
  }

  @Test
  void longerClearTextIsMoreConfidentThanOneWord() {
    LanguageGuess sentence =
        detector.detect("I would like to know where I can renew my residence permit");
    LanguageGuess word = detector.detect("ok");
    assertThat(sentence.confidence()).isGreaterThan(word.confidence());
    assertThat(sentence.words()).isEqualTo(12);
  }

  @Test
  void everyBundleIsDetectedAsItsOwnLanguage() {
    Messages messages =
        Messages.load(Detectors.SETTINGS.languages(), Detectors.SETTINGS.defaultLanguage());
    for (String language : Detectors.SETTINGS.languages()) {
      for (String key : new String[] {"greeting", "help", "safety.high", "answer.none"}) {
        assertThat(detector.detect(messages.text(language, key, java.util.Map.of())).language())
            .as("%s %s", language, key)
            .isEqualTo(language);
      }
    }
  }
}

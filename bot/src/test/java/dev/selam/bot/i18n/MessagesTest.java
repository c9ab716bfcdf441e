package dev.selam.bot.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.text.MessagePattern;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesTest {
  static final List<String> LANGUAGES = List.of("en", "tr", "ar", "ru", "fa", "uk");
  final Messages messages = Messages.load(LANGUAGES, "en");

  /** Keys other parts of the bot rely on by name. */
  static final List<String> REQUIRED =
      List.of(
          "greeting",
          "privacy.notice",
          "language.prompt",
          "language.name",
          "menu.title",
          "menu.rights",
          "menu.health",
          "menu.work",
          "menu.person",
          "menu.emergency",
          "menu.safety",
          "feedback.helpful",
          "feedback.not_helpful",
          "feedback.person",
          "feedback.thanks",
          "answer.weak_intro",
          "answer.none",
          "answer.in_english",
          "safety.high",
          "risk.offer_person",
          "person.queued",
          "person.out_of_hours",
          "emergency.numbers",
          "operator.joined",
          "operator.left",
          "media.unsupported",
          "rate.slow_down",
          "erase.confirm",
          "erase.yes",
          "erase.no",
          "erase.done",
          "erase.cancelled",
          "group.private_only",
          "help",
          "command.start",
          "command.help",
          "command.menu",
          "command.language",
          "command.person",
          "command.erase");

  @Test
  void theDefaultBundleHasEveryKeyTheBotUses() {
    assertThat(messages.keys("en")).containsAll(REQUIRED);
  }

  @Test
  void everyBundleHasEveryKeyOfTheDefaultBundle() {
    for (String language : LANGUAGES) {
      assertThat(messages.keys(language)).as(language).isEqualTo(messages.keys("en"));
    }
  }

  @Test
  void placeholdersMatchAcrossLanguages() {
    for (String key : messages.keys("en")) {
      Set<String> expected = arguments(messages.pattern("en", key));
      for (String language : LANGUAGES) {
        assertThat(arguments(messages.pattern(language, key)))
            .as("%s %s", language, key)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void aChannelsOwnWordingIsPreferredAndOtherChannelsKeepTheCommonText() {
    Map<String, Object> args = Map.of("days", 30);

    String web = messages.channelText("en", "privacy.notice", "webchat", args);
    String telegram = messages.channelText("en", "privacy.notice", "telegram", args);

    assertThat(web)
        .doesNotContain("Telegram")
        .isEqualTo(messages.text("en", "privacy.notice.webchat", args));
    assertThat(telegram).isEqualTo(messages.text("en", "privacy.notice", args));
  }

  @Test
  void everyTextFormatsWithItsArguments() {
    // seconds and limit: the web chat page fills them in itself (webchat.too_fast, too_long).
    Map<String, Object> args =
        Map.of("days", 30, "time", "09:00", "name", "Ayşe", "seconds", 30, "limit", 2000);
    for (String language : LANGUAGES) {
      for (String key : messages.keys(language)) {
        String text = messages.text(language, key, args);
        assertThat(text).as("%s %s", language, key).isNotBlank().doesNotContain("{", "}");
      }
    }
  }

  @Test
  void commandDescriptionsFitTelegramsLimits() {
    for (String language : LANGUAGES) {
      for (String key : messages.keys(language)) {
        if (key.startsWith("command.")) {
          assertThat(messages.text(language, key).length())
              .as("%s %s", language, key)
              .isBetween(1, 256);
        }
      }
    }
  }

  @Test
  void nothingOnScreenSaysWhatTheServiceIsFor() {
    // Someone glancing at the person's phone must not learn what this chat is about.
    List<String> revealing =
        List.of(
            "trafficking",
            "hotline",
            "insan ticareti",
            "ihbar hattı",
            "торговл",
            "торгівл",
            "الاتجار",
            "قاچاق");
    for (String language : LANGUAGES) {
      for (String key : messages.keys(language)) {
        String text = messages.text(language, key, Map.of("days", 30, "time", "9", "name", "A"));
        for (String word : revealing) {
          assertThat(text.toLowerCase(Locale.ROOT)).as("%s %s", language, key).doesNotContain(word);
        }
      }
    }
  }

  @Test
  void theSafetyMessageGivesTheThreeNumbersInEveryLanguage() {
    for (String language : LANGUAGES) {
      assertThat(messages.text(language, "safety.high")).contains("112", "157", "183");
      assertThat(messages.text(language, "emergency.numbers")).contains("112", "157", "183");
      assertThat(messages.text(language, "person.out_of_hours", Map.of("time", "09:00")))
          .contains("09:00", "112", "157");
    }
  }

  @Test
  void thePrivacyNoticeSaysHowLongAndHowToErase() {
    for (String language : LANGUAGES) {
      assertThat(messages.text(language, "privacy.notice", Map.of("days", 30)))
          .as(language)
          .contains("/erase")
          .containsAnyOf("Telegram", "تيليغرام", "تلگرام");
    }
    assertThat(messages.text("en", "privacy.notice", Map.of("days", 30)))
        .contains("30 days", "/erase", "Telegram");
    assertThat(messages.text("en", "privacy.notice", Map.of("days", 1))).contains("after 1 day.");
  }

  @Test
  void numbersTakeTheRightPluralForm() {
    assertThat(messages.text("ru", "privacy.notice", Map.of("days", 30))).contains("30 дней");
    assertThat(messages.text("ru", "privacy.notice", Map.of("days", 21))).contains("21 день");
    assertThat(messages.text("uk", "privacy.notice", Map.of("days", 3))).contains("3 дні");
    assertThat(messages.text("uk", "privacy.notice", Map.of("days", 90))).contains("90 днів");
  }

  @Test
  void argumentsAreFilledInByName() {
    assertThat(messages.text("tr", "operator.joined", Map.of("name", "Ayşe")))
        .isEqualTo("Ekibimizden Ayşe sohbete katıldı.");
  }

  @Test
  void apostrophesInTheTextSurvive() {
    assertThat(messages.text("uk", "menu.health")).isEqualTo("Здоров'я");
    assertThat(messages.text("en", "answer.none")).contains("don't");
  }

  @Test
  void arabicAndPersianAreWrittenRightToLeft() {
    assertThat(messages.textDirection("ar")).isEqualTo(TextDirection.RTL);
    assertThat(messages.textDirection("fa")).isEqualTo(TextDirection.RTL);
    assertThat(messages.textDirection("fa").attribute()).isEqualTo("rtl");
    for (String language : List.of("en", "tr", "ru", "uk")) {
      assertThat(messages.textDirection(language)).as(language).isEqualTo(TextDirection.LTR);
    }
  }

  @Test
  void aKeyMissingInALanguageFallsBackToTheDefaultLanguage() {
    Messages withGerman = Messages.load(List.of("en", "de"), "en");
    assertThat(withGerman.text("de", "greeting")).startsWith("Hallo");
    assertThat(withGerman.text("de", "help")).isEqualTo(withGerman.text("en", "help"));
  }

  @Test
  void anUnknownLanguageGetsTheDefaultLanguage() {
    assertThat(messages.text("sw", "greeting")).isEqualTo(messages.text("en", "greeting"));
  }

  @Test
  void anUnknownKeyIsAProgrammingErrorNotASilentBlank() {
    assertThatThrownBy(() -> messages.text("en", "no.such.key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no.such.key");
  }

  @Test
  void aBundleMustExistToBeLoaded() {
    assertThat(Messages.hasBundle("en")).isTrue();
    assertThat(Messages.hasBundle("sw")).isFalse();
    assertThatThrownBy(() -> Messages.load(List.of("en", "sw"), "en"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("messages_sw");
  }

  /** The names of a pattern's arguments, nested ones (inside plural branches) included. */
  static Set<String> arguments(String pattern) {
    MessagePattern parsed = new MessagePattern(pattern);
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < parsed.countParts(); i++) {
      MessagePattern.Part part = parsed.getPart(i);
      if (part.getType() == MessagePattern.Part.Type.ARG_NAME) {
        names.add(parsed.getSubstring(part));
      }
    }
    return names;
  }
}

package dev.selam.bot.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageSettingsTest {
  static LanguageSettings from(Map<String, String> values) {
    return LanguageSettings.from(Settings.of(values));
  }

  @Test
  void defaultsAreTheSixLanguagesWithEnglishFirst() {
    LanguageSettings settings = from(Map.of());
    assertThat(settings.languages()).containsExactly("en", "tr", "ar", "ru", "fa", "uk");
    assertThat(settings.defaultLanguage()).isEqualTo("en");
  }

  @Test
  void codesAreTrimmedLowerCasedAndDeduplicated() {
    LanguageSettings settings = from(Map.of("SELAM_LANGUAGES", " TR, ar ,tr,,en"));
    assertThat(settings.languages()).containsExactly("tr", "ar", "en");
  }

  @Test
  void aLanguageIsAddedWithABundleAndConfigurationAlone() {
    // messages_de.properties exists only on the test class path: content, not code.
    LanguageSettings settings =
        from(Map.of("SELAM_LANGUAGES", "de,en", "SELAM_DEFAULT_LANGUAGE", "de"));
    assertThat(settings.languages()).containsExactly("de", "en");
    assertThat(
            LanguageDetector.create(settings.languages(), false)
                .detect("Ich brauche Hilfe mit meinen Papieren")
                .language())
        .isEqualTo("de");
  }

  @Test
  void aLanguageWithoutABundleStopsStartUp() {
    assertThatThrownBy(() -> from(Map.of("SELAM_LANGUAGES", "en,sw")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SELAM_LANGUAGES")
        .hasMessageContaining("sw")
        .hasMessageContaining("bundle");
  }

  @Test
  void aLanguageTheDetectorDoesNotKnowStopsStartUp() {
    assertThatThrownBy(() -> from(Map.of("SELAM_LANGUAGES", "en,ku")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SELAM_LANGUAGES")
        .hasMessageContaining("ku");
  }

  @Test
  void somethingThatIsNotACodeStopsStartUp() {
    assertThatThrownBy(() -> from(Map.of("SELAM_LANGUAGES", "english")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SELAM_LANGUAGES")
        .hasMessageContaining("english");
  }

  @Test
  void theDefaultLanguageMustBeOneOfTheLanguages() {
    assertThatThrownBy(
            () -> from(Map.of("SELAM_LANGUAGES", "en,tr", "SELAM_DEFAULT_LANGUAGE", "ru")))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> assertThat(((ConfigException) e).setting()).isEqualTo("SELAM_DEFAULT_LANGUAGE"))
        .hasMessageContaining("ru");
  }
}

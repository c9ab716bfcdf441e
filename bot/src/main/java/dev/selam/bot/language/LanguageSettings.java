package dev.selam.bot.language;

import dev.selam.bot.i18n.Messages;
import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The languages the bot speaks, as ISO 639-1 codes. A language is switched on by its message bundle
 * ({@code i18n/messages_<code>.properties}) and this setting; Lingua must know it too.
 */
public record LanguageSettings(List<String> languages, String defaultLanguage) {
  public static final String LANGUAGES = "SELAM_LANGUAGES";
  public static final String DEFAULT_LANGUAGE = "SELAM_DEFAULT_LANGUAGE";
  public static final String DEFAULT_LANGUAGES = "en,tr,ar,ru,fa,uk";

  public LanguageSettings {
    languages = List.copyOf(languages);
  }

  public static LanguageSettings from(Settings settings) {
    List<String> languages = new ArrayList<>();
    for (String raw : settings.string(LANGUAGES, DEFAULT_LANGUAGES).split(",")) {
      String code = raw.strip().toLowerCase(Locale.ROOT);
      if (code.isEmpty() || languages.contains(code)) {
        continue;
      }
      if (!code.matches("[a-z]{2}")) {
        throw new ConfigException(
            LANGUAGES, "must list ISO 639-1 codes such as en,tr,ar, got '" + raw.strip() + "'");
      }
      if (LinguaLanguages.forCode(code).isEmpty()) {
        throw new ConfigException(
            LANGUAGES,
            "'" + code + "' cannot be detected: the language detector has no model for it");
      }
      if (!Messages.hasBundle(code)) {
        throw new ConfigException(
            LANGUAGES,
            "'" + code + "' has no message bundle (" + Messages.bundleResource(code) + ")");
      }
      languages.add(code);
    }
    if (languages.isEmpty()) {
      throw new ConfigException(LANGUAGES, "must list at least one language");
    }
    String defaultLanguage =
        settings.string(DEFAULT_LANGUAGE, "en").strip().toLowerCase(Locale.ROOT);
    if (!languages.contains(defaultLanguage)) {
      throw new ConfigException(
          DEFAULT_LANGUAGE,
          "must be one of "
              + LANGUAGES
              + " ("
              + String.join(",", languages)
              + "), got '"
              + defaultLanguage
              + "'");
    }
    return new LanguageSettings(languages, defaultLanguage);
  }

  public boolean supports(String code) {
    return code != null && languages.contains(code);
  }
}

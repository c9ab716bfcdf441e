package dev.selam.bot.telegram;

import java.util.List;
import java.util.Locale;

/**
 * The channel's own texts (group notice, command menu) in a supported language: Telegram's
 * language_code when supported ("pt-br" counts as "pt"), else the default.
 */
record LanguageChoice(List<String> supported, String fallback) {
  LanguageChoice {
    supported = List.copyOf(supported);
  }

  String pick(String languageCode) {
    if (languageCode == null || languageCode.isBlank()) {
      return fallback;
    }
    String primary = languageCode.toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    return supported.contains(primary) ? primary : fallback;
  }
}

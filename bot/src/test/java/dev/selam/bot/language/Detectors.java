package dev.selam.bot.language;

import dev.selam.core.config.Settings;
import java.util.Map;

/** One detector for all tests in the JVM: Lingua's models take seconds to load. */
final class Detectors {
  static final LanguageSettings SETTINGS = LanguageSettings.from(Settings.of(Map.of()));
  private static LanguageDetector shared;

  private Detectors() {}

  static synchronized LanguageDetector shared() {
    if (shared == null) {
      shared = LanguageDetector.create(SETTINGS.languages(), false);
    }
    return shared;
  }
}

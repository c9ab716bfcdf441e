package dev.selam.bot.language;

import java.util.Optional;
import java.util.Set;

/**
 * Letters that settle, or narrow, the language before any n-gram is counted. Only letters whose
 * meaning is certain: Persian typed on an Arabic keyboard uses the Arabic ي and ك, so those prove
 * nothing, while پ چ ژ گ and the Persian ی ک are never typed by Arabic writers.
 */
final class ScriptRules {
  private static final String UKRAINIAN_ONLY = "єїґ";
  private static final String BELARUSIAN_ONLY = "ў";
  private static final String KAZAKH_ONLY = "әғқңөұүһ";
  private static final String DOTTED_I = "і";
  private static final String NOT_UKRAINIAN = "ыэё";

  /** Letters of Urdu that Persian and Arabic do not use. */
  private static final String URDU_ONLY = "ٹڈڑںےۓھ";

  /** Letters of Persian (and Urdu) that Arabic does not use. */
  private static final String PERSIAN_LETTERS = "پچژگیک";

  /** The schwa is the most frequent vowel of Azerbaijani and absent from Turkish. */
  private static final String AZERBAIJANI_ONLY = "ə";

  private ScriptRules() {}

  /** The languages the letters allow, or empty when the letters leave every language open. */
  static Optional<Set<String>> possibleLanguages(TextSample sample) {
    return switch (sample.script()) {
      case CYRILLIC -> cyrillic(sample);
      case ARABIC -> arabic(sample);
      case LATIN ->
          sample.contains(AZERBAIJANI_ONLY) ? Optional.of(Set.of("az")) : Optional.empty();
      case OTHER -> Optional.empty();
    };
  }

  private static Optional<Set<String>> cyrillic(TextSample sample) {
    if (sample.contains(UKRAINIAN_ONLY)) {
      return Optional.of(Set.of("uk"));
    }
    if (sample.contains(BELARUSIAN_ONLY)) {
      return Optional.of(Set.of("be"));
    }
    if (sample.contains(KAZAKH_ONLY)) {
      return Optional.of(Set.of("kk"));
    }
    if (sample.contains(DOTTED_I)) {
      return Optional.of(sample.contains(NOT_UKRAINIAN) ? Set.of("be", "kk") : Set.of("uk"));
    }
    if (sample.contains(NOT_UKRAINIAN)) {
      return Optional.of(Set.of("ru", "be", "kk"));
    }
    return Optional.empty();
  }

  private static Optional<Set<String>> arabic(TextSample sample) {
    if (sample.contains(URDU_ONLY)) {
      return Optional.of(Set.of("ur"));
    }
    if (sample.contains(PERSIAN_LETTERS)) {
      return Optional.of(Set.of("fa", "ur"));
    }
    return Optional.empty();
  }
}

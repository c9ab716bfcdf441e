package dev.selam.bot.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ISO 639-1 codes to Lingua's languages. The table is read from Lingua itself, so every language
 * Lingua knows can be switched on with a bundle and {@code SELAM_LANGUAGES}, without code.
 */
public final class LinguaLanguages {
  private static final Map<String, Language> BY_CODE = table();

  /**
   * Languages that a supported one is easily mistaken for. They are detected too, so a Kazakh or
   * Bulgarian message is reported as unsupported instead of being forced into Russian, an Urdu one
   * into Persian. Azerbaijani is recognised by its letter ə without a model (see {@link
   * ScriptRules}), which keeps some 30 MB of n-grams out of the heap.
   */
  static final List<String> CONFUSERS = List.of("kk", "bg", "be", "ur");

  private LinguaLanguages() {}

  private static Map<String, Language> table() {
    Map<String, Language> table = new TreeMap<>();
    for (Language language : Language.values()) {
      if (language.getIsoCode639_1() != IsoCode639_1.NONE) {
        table.put(language.getIsoCode639_1().name().toLowerCase(Locale.ROOT), language);
      }
    }
    return Collections.unmodifiableMap(table);
  }

  /** Lingua's language for an ISO 639-1 code, if Lingua has a model for it. */
  public static Optional<Language> forCode(String code) {
    return Optional.ofNullable(BY_CODE.get(code.toLowerCase(Locale.ROOT)));
  }

  /** The ISO 639-1 code of one of Lingua's languages. */
  public static String code(Language language) {
    return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
  }

  public static Map<String, Language> all() {
    return BY_CODE;
  }
}

package dev.selam.knowledge;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.knowledge.analysis.LanguageAnalyzers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Where the index lives, which languages have content, where editors keep synonyms. */
public record KnowledgeSettings(
    Set<String> languages, String fallbackLanguage, Path indexDir, Optional<Path> synonymsDir) {
  public static final String LANGUAGES = "SELAM_LANGUAGES";
  public static final String FALLBACK = "SELAM_KB_FALLBACK_LANGUAGE";
  public static final String INDEX_DIR = "SELAM_KB_INDEX_DIR";
  public static final String SYNONYMS_DIR = "SELAM_KB_SYNONYMS_DIR";

  public static KnowledgeSettings from(Settings settings, DataDirectory dataDir) {
    Set<String> languages = new LinkedHashSet<>();
    Arrays.stream(settings.string(LANGUAGES, "en,tr,ar,ru,fa,uk").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(languages::add);
    for (String language : languages) {
      if (!LanguageAnalyzers.supports(language)) {
        throw new ConfigException(
            LANGUAGES,
            "no search analysis for '" + language + "' (have " + LanguageAnalyzers.SUPPORTED + ")");
      }
    }
    String fallback = settings.string(FALLBACK, "en");
    if (!languages.contains(fallback)) {
      throw new ConfigException(FALLBACK, "'" + fallback + "' is not one of " + LANGUAGES);
    }
    return new KnowledgeSettings(
        Set.copyOf(languages),
        fallback,
        Path.of(settings.string(INDEX_DIR, dataDir.resolve("index").toString())),
        settings.optional(SYNONYMS_DIR).map(Path::of));
  }
}

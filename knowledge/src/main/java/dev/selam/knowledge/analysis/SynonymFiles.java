package dev.selam.knowledge.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Where synonyms come from: {@code _synonyms/<lang>.txt} in an editors' folder when one is
 * configured and has the file, else the seed content's copy in the jar.
 */
public final class SynonymFiles {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SynonymFiles.class);

  private SynonymFiles() {}

  public static Map<String, SynonymMap> load(Set<String> languages, Optional<Path> editorsFolder) {
    Map<String, SynonymMap> maps = new HashMap<>();
    for (String language : languages) {
      try (Reader reader = open(language, editorsFolder)) {
        if (reader != null) {
          Synonyms.Parsed parsed = Synonyms.parseReporting(language, reader);
          parsed.map().ifPresent(map -> maps.put(language, map));
          parsed
              .skipped()
              .forEach(
                  problem -> log.atWarn().addKeyValue("event", "kb.synonym_skipped").log(problem));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return maps;
  }

  private static Reader open(String language, Optional<Path> folder) throws IOException {
    if (folder.isPresent()) {
      Path file = folder.get().resolve(language + ".txt");
      if (Files.isRegularFile(file)) {
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
      }
    }
    InputStream in =
        SynonymFiles.class.getResourceAsStream("/content/_synonyms/" + language + ".txt");
    return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}

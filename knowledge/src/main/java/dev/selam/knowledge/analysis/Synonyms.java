package dev.selam.knowledge.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Per-language synonyms, kept as content an editor can change: Solr's format, one group a line
 * ({@code deport, deportation, removal}) or a rewrite ({@code kimlik => identity card}), # for
 * comments. Entries go through the language's index chain, so inflected forms match too.
 */
public final class Synonyms {
  private Synonyms() {}

  public static Optional<SynonymMap> parse(String language, Reader rules) {
    try (Analyzer analyzer = LanguageAnalyzers.index(language)) {
      SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
      parser.parse(rules);
      SynonymMap map = parser.build();
      return map.fst == null ? Optional.empty() : Optional.of(map);
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          "synonyms for " + language + ", line " + e.getErrorOffset() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

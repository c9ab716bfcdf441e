package dev.selam.knowledge.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Per-language synonyms, kept as content an editor can change: Solr's format, one group a line
 * ({@code deport, deportation, removal}) or a rewrite ({@code kimlik => identity card}), # for
 * comments. Entries go through the language's index chain, so inflected forms match too. A line
 * that cannot be used (e.g. a phrase made only of stop words) is skipped and reported, so one
 * editor's slip does not take search down.
 */
public final class Synonyms {
  private Synonyms() {}

  /** The usable rules, and the lines that were skipped with why. */
  public record Parsed(Optional<SynonymMap> map, List<String> skipped) {}

  public static Optional<SynonymMap> parse(String language, Reader rules) {
    return parseReporting(language, rules).map();
  }

  public static Parsed parseReporting(String language, Reader rules) {
    List<String> skipped = new ArrayList<>();
    try (Analyzer analyzer = LanguageAnalyzers.index(language);
        BufferedReader lines = new BufferedReader(rules)) {
      SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        try {
          // Checked alone first: a bad line must not abort the shared parser half-way.
          new SolrSynonymParser(true, true, analyzer).parse(new StringReader(line));
          parser.parse(new StringReader(line));
        } catch (ParseException | IllegalArgumentException e) {
          skipped.add(language + " synonyms line " + number + ": " + rootMessage(e));
        }
      }
      SynonymMap map = parser.build();
      return new Parsed(map.fst == null ? Optional.empty() : Optional.of(map), skipped);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}

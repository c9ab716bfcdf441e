package dev.selam.knowledge.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** Runs an analyzer over a text: the normalised, stemmed terms search and risk matching share. */
public final class TextAnalysis {
  private TextAnalysis() {}

  /** A term and its position in the analysed text (synonyms share a position). */
  public record Term(String text, int position) {}

  public static List<Term> terms(Analyzer analyzer, String field, String text) {
    List<Term> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        terms.add(new Term(term.toString(), Math.max(position, 0)));
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return terms;
  }

  /**
   * The analysed words in order: per position, its distinct forms (a word and the synonyms the
   * analyzer put beside it).
   */
  public static List<List<String>> formsByPosition(Analyzer analyzer, String field, String text) {
    Map<Integer, List<String>> byPosition = new LinkedHashMap<>();
    for (Term term : terms(analyzer, field, text)) {
      List<String> forms = byPosition.computeIfAbsent(term.position(), p -> new ArrayList<>());
      if (!forms.contains(term.text())) {
        forms.add(term.text());
      }
    }
    return List.copyOf(byPosition.values());
  }

  public static List<String> termTexts(Analyzer analyzer, String text) {
    return terms(analyzer, "text", text).stream().map(Term::text).toList();
  }
}

package dev.selam.bot.risk;

import dev.selam.knowledge.analysis.TextAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/** A message cut into {@link Token}s by one language's folding and search chains. */
final class MessageText {
  /** Marks that end a sentence: proximity does not reach across them. */
  private static final String SENTENCE_ENDS = ".!?…\n؟。";

  /** Marks that end a clause: negation does not reach across them. */
  private static final String CLAUSE_ENDS = SENTENCE_ENDS + ",;:،؛()«»\"—–";

  private MessageText() {}

  static List<Token> tokens(String text, Analyzer folding, Analyzer stemming) {
    return tokens(text, folding, stemming, List.of(), List.of());
  }

  /**
   * The message's words. A word in {@code joinPrefixes} is joined to the next one, a word in {@code
   * joinSuffixes} to the one before: Persian writes the verb prefix می / نمی and endings such as ام
   * / اند / ها with a space, a zero-width non-joiner or nothing ("می خوام", "می‌خوام", "میخوام"),
   * and all must read alike.
   */
  static List<Token> tokens(
      String text,
      Analyzer folding,
      Analyzer stemming,
      List<String> joinPrefixes,
      List<String> joinSuffixes) {
    List<Token> words = words(text, folding, stemming);
    if ((joinPrefixes.isEmpty() && joinSuffixes.isEmpty()) || words.size() < 2) {
      return words;
    }
    List<Token> joined = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      Token word = words.get(i);
      if (i + 1 < words.size()
          && joinPrefixes.contains(word.folded())
          && words.get(i + 1).clause() == word.clause()) {
        word = join(word, words.get(++i), words.get(i).stems());
      }
      while (i + 1 < words.size()
          && joinSuffixes.contains(words.get(i + 1).folded())
          && words.get(i + 1).clause() == word.clause()) {
        word = join(word, words.get(++i), word.stems());
      }
      joined.add(
          new Token(
              word.original(),
              word.folded(),
              word.stems(),
              joined.size(),
              word.sentence(),
              word.clause(),
              word.number()));
    }
    return joined;
  }

  private static Token join(Token first, Token second, List<String> stems) {
    return new Token(
        first.original() + " " + second.original(),
        first.folded() + second.folded(),
        stems,
        0,
        second.sentence(),
        second.clause(),
        -1);
  }

  private static List<Token> words(String text, Analyzer folding, Analyzer stemming) {
    List<Token> tokens = new ArrayList<>();
    try (TokenStream stream = folding.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int sentence = 0;
      int clause = 0;
      int previousEnd = 0;
      while (stream.incrementToken()) {
        int start = Math.min(offset.startOffset(), text.length());
        int end = Math.min(Math.max(offset.endOffset(), start), text.length());
        String between = text.substring(Math.min(previousEnd, start), start);
        if (!tokens.isEmpty() && containsAny(between, SENTENCE_ENDS)) {
          sentence++;
          clause++;
        } else if (!tokens.isEmpty() && containsAny(between, CLAUSE_ENDS)) {
          clause++;
        }
        String original = text.substring(start, end);
        String folded = term.toString();
        List<String> stems = TextAnalysis.termTexts(stemming, original);
        tokens.add(
            new Token(
                original, folded, stems, tokens.size(), sentence, clause, numberValue(folded)));
        previousEnd = end;
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return tokens;
  }

  private static boolean containsAny(String text, String marks) {
    for (int i = 0; i < text.length(); i++) {
      if (marks.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Digits only (the folding chain turned Arabic-Indic and Persian digits into ASCII ones). */
  private static int numberValue(String folded) {
    if (folded.isEmpty() || folded.length() > 6) {
      return -1;
    }
    for (int i = 0; i < folded.length(); i++) {
      if (folded.charAt(i) < '0' || folded.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(folded);
  }
}

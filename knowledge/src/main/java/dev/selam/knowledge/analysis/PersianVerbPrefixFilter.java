package dev.selam.knowledge.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Removes the present-tense verb prefix می (and its negative نمی) that people type joined to the
 * verb ("میکند", "نمیتونم") instead of with a zero-width non-joiner: written with the non-joiner,
 * the prefix becomes its own token and a stop word, so without this the two spellings of one verb
 * never meet. Runs after Arabic/Persian normalisation (yeh already folded to ي). What would be left
 * must have four letters or more: shorter rests are light verbs (میکنه, میشه) that carry no topic,
 * or the word was a noun (میز, میوه).
 */
final class PersianVerbPrefixFilter extends TokenFilter {
  private static final int MIN_STEM = 4;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

  PersianVerbPrefixFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    if (!keyword.isKeyword()) {
      int prefix = prefixLength(term.buffer(), term.length());
      if (prefix > 0) {
        System.arraycopy(term.buffer(), prefix, term.buffer(), 0, term.length() - prefix);
        term.setLength(term.length() - prefix);
      }
    }
    return true;
  }

  private static int prefixLength(char[] word, int length) {
    int prefix = 0;
    if (length >= 3 && word[0] == 'ن' && word[1] == 'م' && word[2] == 'ي') {
      prefix = 3;
    } else if (length >= 2 && word[0] == 'م' && word[1] == 'ي') {
      prefix = 2;
    }
    return length - prefix >= MIN_STEM ? prefix : 0;
  }
}

package dev.selam.knowledge.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.selam.knowledge.search.ArticleIndex.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * How many articles of a language use a term (in any part) and how telling the term therefore is,
 * remembered per index reader: a reader never changes, so its counts are looked up once, and a
 * publication (a new reader) starts afresh.
 */
final class TermStatistics {
  private static final PerReader<TermStatistics> BY_READER = new PerReader<>(TermStatistics::new);

  private final IndexReader reader;
  private final Map<String, Integer> articles = new ConcurrentHashMap<>();
  private final Map<String, Integer> docFreqs = new ConcurrentHashMap<>();
  private final Cache<String, List<String>> nearTerms =
      Caffeine.newBuilder().maximumSize(10_000).build();

  private TermStatistics(IndexReader reader) {
    this.reader = reader;
  }

  static TermStatistics of(IndexReader reader) {
    return BY_READER.of(reader);
  }

  /** The number of articles (published or archived) in {@code language}, at least 1. */
  int articles(String language) {
    return articles.computeIfAbsent(
        language,
        l ->
            Math.max(
                1, lookup(new Term(ArticleIndex.KIND_LANGUAGE, ArticleIndex.ARTICLE + "_" + l))));
  }

  /** In how many articles of {@code language} the term occurs, in its most common part. */
  int docFreq(String term, String language) {
    return docFreqs.computeIfAbsent(
        language + '\u0000' + term,
        key -> {
          int df = 0;
          for (Part part : Part.values()) {
            df = Math.max(df, lookup(new Term(part.field(language), term)));
          }
          return df;
        });
  }

  /**
   * The indexed terms close to a word the index does not know, found by {@code find} the first time
   * a word is asked about: building the edit-distance automaton is the costly part of a search, and
   * people repeat the same misspellings.
   */
  List<String> nearTerms(String word, String language, Supplier<List<String>> find) {
    return nearTerms.get(language + '\u0000' + word, key -> List.copyOf(find.get()));
  }

  /** BM25's inverse document frequency of a term that {@code df} articles use. */
  double idf(int df, String language) {
    return Math.log(1 + (articles(language) - df + 0.5) / (df + 0.5));
  }

  private int lookup(Term term) {
    try {
      return reader.docFreq(term);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

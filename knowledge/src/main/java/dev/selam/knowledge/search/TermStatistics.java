package dev.selam.knowledge.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.selam.knowledge.search.ArticleIndex.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;

/**
 * What a search knows about words, remembered per index reader: how many articles of a language use
 * a term, where each term sits in each field (its term states), and each question word worked out
 * ({@link QuestionWord}). A reader never changes, so a term is looked up in the terms dictionary
 * once; a publication (a new reader) starts afresh. People ask with much the same words, so most of
 * a question's words are already known.
 */
final class TermStatistics {
  private static final PerReader<TermStatistics> BY_READER = new PerReader<>(TermStatistics::new);

  private final IndexSearcher searcher;
  private final Map<String, Integer> articles = new ConcurrentHashMap<>();
  // Bounded: any word anyone writes is asked about, and most are not in the index.
  private final Cache<Term, TermStates> states = Caffeine.newBuilder().maximumSize(30_000).build();
  private final Cache<WordKey, QuestionWord> words =
      Caffeine.newBuilder().maximumSize(10_000).build();

  private record WordKey(String language, List<String> forms, boolean closeSpellings) {}

  private TermStatistics(IndexReader reader) {
    this.searcher = new IndexSearcher(reader);
  }

  static TermStatistics of(IndexReader reader) {
    return BY_READER.of(reader);
  }

  /**
   * The question word made of {@code forms} (a word and its synonyms), worked out the first time it
   * is asked about: finding close spellings of an unknown word (an edit-distance automaton) is the
   * costly part of a search, and people repeat the same words and the same misspellings.
   *
   * @param closeSpellings whether to look for close spellings when no form is indexed
   */
  QuestionWord word(List<String> forms, String language, boolean closeSpellings) {
    return words.get(
        new WordKey(language, List.copyOf(forms), closeSpellings),
        key ->
            QuestionWord.resolve(
                searcher.getIndexReader(), this, key.forms(), language, closeSpellings));
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
    int df = 0;
    for (Part part : Part.values()) {
      df = Math.max(df, states(part.field(language), term).docFreq());
    }
    return df;
  }

  /**
   * Where {@code term} sits in each segment of {@code field}, with its statistics: a query built
   * with it ({@code new TermQuery(term, states)}) and a postings walk skip the dictionary lookup.
   */
  TermStates states(String field, String term) {
    return states.get(
        new Term(field, term),
        t -> {
          try {
            return TermStates.build(searcher, t, true);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** BM25's inverse document frequency of a term that {@code df} articles use. */
  double idf(int df, String language) {
    return Math.log(1 + (articles(language) - df + 0.5) / (df + 0.5));
  }

  private int lookup(Term term) {
    try {
      return searcher.getIndexReader().docFreq(term);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.selam.knowledge.search;

import dev.selam.knowledge.analysis.LanguageAnalyzers;
import dev.selam.knowledge.analysis.TextAnalysis;
import dev.selam.knowledge.search.ArticleIndex.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the article for a question, and says how sure it is.
 *
 * <p>The question is analysed with its language's chain (never parsed as Lucene syntax), each word
 * becomes a disjunction over title, keywords and body, and words the index does not know are
 * matched with edit distance (typos). Confidence comes from how much of the question the best
 * article covers, weighted by how telling each word is (IDF), and from how clearly it beats the
 * runner-up: a question mostly made of words no article uses gets no confident answer.
 */
public final class KnowledgeSearch {
  private static final int CANDIDATES = 10;
  private static final float FUZZY_WEIGHT = 0.6f;

  private final ArticleIndex index;
  private final Map<String, Analyzer> queryAnalyzers = new HashMap<>();
  private final Set<String> languages;
  private final String fallbackLanguage;
  private final Calibration calibration;

  public KnowledgeSearch(
      ArticleIndex index,
      Set<String> languages,
      Map<String, SynonymMap> synonyms,
      String fallbackLanguage,
      Calibration calibration) {
    this.index = index;
    this.languages = Set.copyOf(languages);
    this.fallbackLanguage = fallbackLanguage;
    this.calibration = calibration;
    for (String language : languages) {
      queryAnalyzers.put(
          language,
          LanguageAnalyzers.query(language, java.util.Optional.ofNullable(synonyms.get(language))));
    }
  }

  /** Searches in {@code language}, or in every language when it is null ("auto"). */
  public SearchResult search(String question, String language) {
    if (language == null || !languages.contains(language)) {
      return languages.stream()
          .map(l -> search(question, l))
          .max(Comparator.comparingDouble(SearchResult::bestConfidence))
          .orElseGet(() -> calibration.none(null));
    }
    List<List<String>> groups = termGroups(question, language);
    if (groups.isEmpty()) {
      return calibration.none(language);
    }
    return index.withSearcher(searcher -> rank(searcher, groups, language));
  }

  /** The analysed question: one group per position, holding the word and its synonyms. */
  List<List<String>> termGroups(String question, String language) {
    Map<Integer, List<String>> byPosition = new LinkedHashMap<>();
    for (TextAnalysis.Term term : TextAnalysis.terms(queryAnalyzers.get(language), "q", question)) {
      List<String> group = byPosition.computeIfAbsent(term.position(), p -> new ArrayList<>());
      if (!group.contains(term.text())) {
        group.add(term.text());
      }
    }
    List<List<String>> groups = new ArrayList<>();
    for (List<String> group : byPosition.values()) {
      if (!groups.contains(group)) {
        groups.add(group);
      }
    }
    return groups;
  }

  private SearchResult rank(IndexSearcher searcher, List<List<String>> groups, String language) {
    try {
      IndexReader reader = searcher.getIndexReader();
      int docsInLanguage = Math.max(1, reader.docFreq(new Term(ArticleIndex.LANGUAGE, language)));
      List<Group> resolved = new ArrayList<>();
      for (List<String> words : groups) {
        resolved.add(resolve(reader, words, language, docsInLanguage));
      }
      BooleanQuery.Builder query = new BooleanQuery.Builder();
      query.add(
          new TermQuery(new Term(ArticleIndex.LANGUAGE, language)), BooleanClause.Occur.FILTER);
      boolean anyTerm = false;
      for (Group group : resolved) {
        Query clause = group.query(language);
        if (clause != null) {
          query.add(clause, BooleanClause.Occur.SHOULD);
          anyTerm = true;
        }
      }
      if (!anyTerm) {
        return calibration.none(language);
      }
      query.setMinimumNumberShouldMatch(1);
      TopDocs top = searcher.search(query.build(), CANDIDATES);
      return calibration.result(
          language, hits(searcher, candidates(searcher, top, resolved, language), language));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Calibration.Candidate> candidates(
      IndexSearcher searcher, TopDocs top, List<Group> groups, String language) throws IOException {
    StoredFields stored = searcher.storedFields();
    List<Calibration.Candidate> out = new ArrayList<>();
    double totalWeight = groups.stream().mapToDouble(Group::weight).sum();
    for (ScoreDoc hit : top.scoreDocs) {
      var doc = stored.document(hit.doc);
      double covered = 0;
      for (Group group : groups) {
        if (group.matches(searcher.getIndexReader(), hit.doc, language)) {
          covered += group.weight();
        }
      }
      out.add(
          new Calibration.Candidate(
              doc.get(ArticleIndex.TOPIC),
              doc.get(ArticleIndex.STATUS),
              doc.get(ArticleIndex.TITLE_STORED),
              hit.score,
              totalWeight == 0 ? 0 : covered / totalWeight,
              groups.size()));
    }
    return out;
  }

  /**
   * Confidence per candidate, and the article to show: the question's language when published, else
   * the fallback language's (the bot then says so), else the topic is skipped.
   */
  private List<SearchResult.Hit> hits(
      IndexSearcher searcher, List<Calibration.Candidate> candidates, String language)
      throws IOException {
    List<Double> margins = calibration.margins(candidates);
    List<SearchResult.Hit> hits = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Calibration.Candidate c = candidates.get(i);
      double confidence = calibration.confidence(c.coverage(), margins.get(i));
      if ("published".equals(c.status())) {
        hits.add(
            new SearchResult.Hit(
                c.topic(),
                language,
                language,
                c.title(),
                c.score(),
                c.coverage(),
                margins.get(i),
                confidence));
        continue;
      }
      String fallbackTitle = publishedTitle(searcher, c.topic(), fallbackLanguage);
      if (fallbackTitle != null) {
        hits.add(
            new SearchResult.Hit(
                c.topic(),
                language,
                fallbackLanguage,
                fallbackTitle,
                c.score(),
                c.coverage(),
                margins.get(i),
                confidence));
      }
    }
    return hits;
  }

  private static String publishedTitle(IndexSearcher searcher, String topic, String language)
      throws IOException {
    TopDocs found =
        searcher.search(new TermQuery(new Term(ArticleIndex.ID, topic + "/" + language)), 1);
    if (found.scoreDocs.length == 0) {
      return null;
    }
    var doc = searcher.storedFields().document(found.scoreDocs[0].doc);
    return "published".equals(doc.get(ArticleIndex.STATUS))
        ? doc.get(ArticleIndex.TITLE_STORED)
        : null;
  }

  /** A question word as the index knows it: exact forms, or close spellings when unknown. */
  private record Group(List<String> exact, List<String> fuzzy, double weight) {
    Query query(String language) {
      List<Query> alternatives = new ArrayList<>();
      for (Part part : Part.values()) {
        for (String term : exact) {
          alternatives.add(
              new BoostQuery(new TermQuery(new Term(part.field(language), term)), part.boost));
        }
        for (String term : fuzzy) {
          alternatives.add(
              new BoostQuery(
                  new TermQuery(new Term(part.field(language), term)), part.boost * FUZZY_WEIGHT));
        }
      }
      return alternatives.isEmpty() ? null : new DisjunctionMaxQuery(alternatives, 0.2f);
    }

    boolean matches(IndexReader reader, int doc, String language) throws IOException {
      for (LeafReaderContext leaf : reader.leaves()) {
        if (doc < leaf.docBase || doc >= leaf.docBase + leaf.reader().maxDoc()) {
          continue;
        }
        int local = doc - leaf.docBase;
        for (Part part : Part.values()) {
          Terms terms = leaf.reader().terms(part.field(language));
          if (terms == null) {
            continue;
          }
          TermsEnum termsEnum = terms.iterator();
          for (List<String> list : List.of(exact, fuzzy)) {
            for (String term : list) {
              if (termsEnum.seekExact(new BytesRef(term))) {
                PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
                if (postings.advance(local) == local) {
                  return true;
                }
              }
            }
          }
        }
      }
      return false;
    }
  }

  private Group resolve(IndexReader reader, List<String> words, String language, int docs)
      throws IOException {
    List<String> exact = new ArrayList<>();
    List<String> fuzzy = new ArrayList<>();
    int bestDf = 0;
    for (String word : words) {
      int df = docFreq(reader, word, language);
      if (df > 0) {
        exact.add(word);
        bestDf = Math.max(bestDf, df);
      }
    }
    if (exact.isEmpty()) {
      for (String word : words) {
        for (String near : nearTerms(reader, word, language)) {
          if (!fuzzy.contains(near)) {
            fuzzy.add(near);
            bestDf = Math.max(bestDf, docFreq(reader, near, language));
          }
        }
      }
    }
    // A word no article uses weighs like the rarest word: it is what the question is about.
    double idf = Math.log(1 + (docs - bestDf + 0.5) / (bestDf + 0.5));
    return new Group(exact, fuzzy, idf);
  }

  private static int docFreq(IndexReader reader, String term, String language) throws IOException {
    int df = 0;
    for (Part part : Part.values()) {
      df = Math.max(df, reader.docFreq(new Term(part.field(language), term)));
    }
    return df;
  }

  /** Indexed terms within one edit (two for long words) of an unknown word: typos. */
  private static List<String> nearTerms(IndexReader reader, String word, String language)
      throws IOException {
    int length = word.codePointCount(0, word.length());
    if (length < 4) {
      return List.of();
    }
    int maxEdits = length >= 8 ? 2 : 1;
    List<String> near = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      for (Part part : Part.values()) {
        Terms terms = leaf.reader().terms(part.field(language));
        if (terms == null) {
          continue;
        }
        FuzzyTermsEnum fuzzy =
            new FuzzyTermsEnum(terms, new Term(part.field(language), word), maxEdits, 1, true);
        BytesRef found;
        while ((found = fuzzy.next()) != null && near.size() < 4) {
          String text = found.utf8ToString();
          if (!near.contains(text)) {
            near.add(text);
          }
        }
      }
    }
    return near;
  }

  String fallbackLanguage() {
    return fallbackLanguage;
  }
}

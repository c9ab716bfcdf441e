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
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;

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
  private static final int EXAMPLES = 30;
  private static final List<Part> FUZZY_PARTS = List.of(Part.values());
  private static final float FUZZY_WEIGHT = 0.6f;
  private static final double FUZZY_KNOWN = 0.5;

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
      TermStatistics statistics = TermStatistics.of(searcher.getIndexReader());
      List<Group> resolved = new ArrayList<>();
      for (List<String> words : groups) {
        resolved.add(resolve(searcher.getIndexReader(), statistics, words, language));
      }
      if (resolved.stream().noneMatch(Group::known)) {
        return calibration.none(language);
      }
      Map<String, Double> exampleSimilarity = exampleSimilarity(searcher, resolved, language);
      BooleanQuery.Builder query = filterBuilder(language, ArticleIndex.ARTICLE);
      for (Group group : resolved) {
        for (Query clause : group.articleQuery(language)) {
          query.add(clause, BooleanClause.Occur.SHOULD);
        }
      }
      query.setMinimumNumberShouldMatch(1);
      TopDocs top = searcher.search(query.build(), CANDIDATES);
      List<Calibration.Candidate> candidates =
          candidates(searcher, top, resolved, language, exampleSimilarity);
      return calibration.result(language, hits(searcher, candidates, language));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BooleanQuery.Builder filterBuilder(String language, String kind) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(new TermQuery(new Term(ArticleIndex.LANGUAGE, language)), BooleanClause.Occur.FILTER);
    query.add(new TermQuery(new Term(ArticleIndex.KIND, kind)), BooleanClause.Occur.FILTER);
    return query;
  }

  /**
   * For each topic, how closely the question resembles one of its example questions: the share of
   * the question found in the example (words weighted by how telling they are) times the share of
   * the example's words found in the question. The example's analysed words are stored with it, so
   * this needs no postings lookups.
   */
  private Map<String, Double> exampleSimilarity(
      IndexSearcher searcher, List<Group> groups, String language) throws IOException {
    BooleanQuery.Builder query = filterBuilder(language, ArticleIndex.EXAMPLE);
    String field = ArticleIndex.exampleField(language);
    for (Group group : groups) {
      Query clause = group.query(List.of(field), 1.0f);
      if (clause != null) {
        query.add(clause, BooleanClause.Occur.SHOULD);
      }
    }
    query.setMinimumNumberShouldMatch(1);
    double total = groups.stream().mapToDouble(Group::weight).sum();
    Map<String, Double> best = new HashMap<>();
    DocFields fields = DocFields.of(searcher.getIndexReader());
    for (ScoreDoc hit : searcher.search(query.build(), EXAMPLES).scoreDocs) {
      Set<String> exampleTerms = fields.exampleTerms(hit.doc);
      double matchedWeight = 0;
      int matchedGroups = 0;
      for (Group group : groups) {
        if (group.matchesAny(exampleTerms)) {
          matchedWeight += group.weight();
          matchedGroups++;
        }
      }
      double similarity =
          Math.sqrt(
              share(matchedWeight, total)
                  * Math.min(1.0, share(matchedGroups, exampleTerms.size())));
      best.merge(fields.topic(hit.doc), similarity, Math::max);
    }
    return best;
  }

  private List<Calibration.Candidate> candidates(
      IndexSearcher searcher,
      TopDocs top,
      List<Group> groups,
      String language,
      Map<String, Double> exampleSimilarity)
      throws IOException {
    DocFields fields = DocFields.of(searcher.getIndexReader());
    double totalWeight = groups.stream().mapToDouble(Group::weight).sum();
    double knownWeight = groups.stream().mapToDouble(Group::knownWeight).sum();
    List<ScoreDoc> docs = new ArrayList<>(List.of(top.scoreDocs));
    Set<String> seen = new java.util.HashSet<>();
    for (ScoreDoc doc : docs) {
      seen.add(fields.topic(doc.doc));
    }
    // A topic found only through its example questions still competes, with no text score.
    for (String topic : exampleSimilarity.keySet()) {
      if (!seen.contains(topic)) {
        int article = fields.article(topic + "/" + language);
        if (article >= 0) {
          docs.add(new ScoreDoc(article, 0f));
        }
      }
    }
    double bestScore = docs.stream().mapToDouble(d -> d.score).max().orElse(0);
    int[] ids = docs.stream().mapToInt(d -> d.doc).toArray();
    List<Set<Integer>> matched = new ArrayList<>();
    for (Group group : groups) {
      matched.add(group.matchingDocs(searcher.getIndexReader(), ids, articleFields(language)));
    }
    List<Calibration.Candidate> out = new ArrayList<>();
    for (ScoreDoc hit : docs) {
      double covered = 0;
      for (int g = 0; g < groups.size(); g++) {
        if (matched.get(g).contains(hit.doc)) {
          covered += groups.get(g).weight();
        }
      }
      String topic = fields.topic(hit.doc);
      out.add(
          new Calibration.Candidate(
              topic,
              fields.status(hit.doc),
              fields.title(hit.doc),
              hit.score,
              new Calibration.Evidence(
                  share(covered, totalWeight),
                  share(knownWeight, totalWeight),
                  share(hit.score, bestScore),
                  exampleSimilarity.getOrDefault(topic, 0.0))));
    }
    return out;
  }

  private static List<String> articleFields(String language) {
    return java.util.Arrays.stream(Part.values()).map(part -> part.field(language)).toList();
  }

  private static double share(double part, double whole) {
    return whole == 0 ? 0 : part / whole;
  }

  /**
   * Confidence per candidate, best first, and the article to show: the question's language when
   * published, else the fallback language's (the bot then says so), else the topic is skipped.
   */
  private List<SearchResult.Hit> hits(
      IndexSearcher searcher, List<Calibration.Candidate> candidates, String language)
      throws IOException {
    List<SearchResult.Hit> hits = new ArrayList<>();
    for (Calibration.Candidate c : candidates) {
      Calibration.Evidence evidence = c.evidence();
      double confidence = calibration.confidence(evidence);
      if ("published".equals(c.status())) {
        hits.add(
            new SearchResult.Hit(
                c.topic(), language, language, c.title(), c.score(), evidence, confidence));
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
                evidence,
                confidence));
      }
    }
    hits.sort(Comparator.comparingDouble(SearchResult.Hit::confidence).reversed());
    return hits;
  }

  private static String publishedTitle(IndexSearcher searcher, String topic, String language)
      throws IOException {
    DocFields fields = DocFields.of(searcher.getIndexReader());
    int doc = fields.article(topic + "/" + language);
    return doc >= 0 && "published".equals(fields.status(doc)) ? fields.title(doc) : null;
  }

  /** A question word as the index knows it: exact forms, or close spellings when unknown. */
  private record Group(List<String> exact, List<String> fuzzy, double weight) {
    boolean known() {
      return !exact.isEmpty() || !fuzzy.isEmpty();
    }

    /**
     * How much of the word the index knows: all of it when spelled as indexed, part when only close
     * spellings exist (a typo, or a different word that happens to look alike).
     */
    double knownWeight() {
      return !exact.isEmpty() ? weight : fuzzy.isEmpty() ? 0 : weight * FUZZY_KNOWN;
    }

    boolean matchesAny(Set<String> terms) {
      for (String term : exact) {
        if (terms.contains(term)) {
          return true;
        }
      }
      for (String term : fuzzy) {
        if (terms.contains(term)) {
          return true;
        }
      }
      return false;
    }

    /** One clause over the article's parts, each part weighted by its boost. */
    List<Query> articleQuery(String language) {
      List<Query> alternatives = new ArrayList<>();
      for (Part part : Part.values()) {
        Query q = query(List.of(part.field(language)), part.boost);
        if (q != null) {
          alternatives.add(q);
        }
      }
      return alternatives.isEmpty()
          ? List.of()
          : List.of(new DisjunctionMaxQuery(alternatives, 0.2f));
    }

    Query query(List<String> fields, float boost) {
      List<Query> alternatives = new ArrayList<>();
      for (String field : fields) {
        for (String term : exact) {
          alternatives.add(new BoostQuery(new TermQuery(new Term(field, term)), boost));
        }
        for (String term : fuzzy) {
          alternatives.add(
              new BoostQuery(new TermQuery(new Term(field, term)), boost * FUZZY_WEIGHT));
        }
      }
      return alternatives.isEmpty() ? null : new DisjunctionMaxQuery(alternatives, 0.0f);
    }

    /**
     * Which of {@code docs} contain one of this word's forms in one of {@code fields}: each term is
     * looked up once and its postings advanced through the candidates in order.
     */
    Set<Integer> matchingDocs(IndexReader reader, int[] docs, List<String> fields)
        throws IOException {
      int[] sorted = docs.clone();
      java.util.Arrays.sort(sorted);
      Set<Integer> found = new java.util.HashSet<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        int base = leaf.docBase;
        int end = base + leaf.reader().maxDoc();
        for (String field : fields) {
          Terms terms = leaf.reader().terms(field);
          if (terms == null) {
            continue;
          }
          TermsEnum termsEnum = terms.iterator();
          for (List<String> list : List.of(exact, fuzzy)) {
            for (String term : list) {
              if (!termsEnum.seekExact(new BytesRef(term))) {
                continue;
              }
              PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
              for (int doc : sorted) {
                if (doc < base || doc >= end || found.contains(doc)) {
                  continue;
                }
                int target = doc - base;
                int at = postings.docID() >= target ? postings.docID() : postings.advance(target);
                if (at == PostingsEnum.NO_MORE_DOCS) {
                  break;
                }
                if (at == target) {
                  found.add(doc);
                }
              }
            }
          }
        }
      }
      return found;
    }
  }

  private Group resolve(
      IndexReader reader, TermStatistics statistics, List<String> words, String language)
      throws IOException {
    List<String> exact = new ArrayList<>();
    List<String> fuzzy = new ArrayList<>();
    int bestDf = 0;
    for (String word : words) {
      int df = statistics.docFreq(word, language);
      if (df > 0) {
        exact.add(word);
        bestDf = Math.max(bestDf, df);
      }
    }
    if (exact.isEmpty()) {
      for (String word : words) {
        List<String> nearTerms =
            statistics.nearTerms(word, language, () -> nearTerms(reader, word, language));
        for (String near : nearTerms) {
          if (!fuzzy.contains(near)) {
            fuzzy.add(near);
            bestDf = Math.max(bestDf, statistics.docFreq(near, language));
          }
        }
      }
    }
    // A word no article uses weighs like the rarest word: it is what the question is about.
    return new Group(exact, fuzzy, statistics.idf(bestDf, language));
  }

  /** Indexed terms within one edit (two for long words) of an unknown word: typos. */
  private static List<String> nearTerms(IndexReader reader, String word, String language) {
    int length = word.codePointCount(0, word.length());
    if (length < 4) {
      return List.of();
    }
    // One automaton per word, reused for every field and segment: building it is the costly part.
    CompiledAutomaton automaton = FuzzyQuery.getFuzzyAutomaton(word, length >= 8 ? 2 : 1, 1, true);
    List<String> near = new ArrayList<>();
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        for (Part part : FUZZY_PARTS) {
          Terms terms = leaf.reader().terms(part.field(language));
          if (terms == null) {
            continue;
          }
          TermsEnum matching = automaton.getTermsEnum(terms);
          BytesRef found;
          while ((found = matching.next()) != null && near.size() < 4) {
            String text = found.utf8ToString();
            if (!near.contains(text)) {
              near.add(text);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return near;
  }

  String fallbackLanguage() {
    return fallbackLanguage;
  }
}

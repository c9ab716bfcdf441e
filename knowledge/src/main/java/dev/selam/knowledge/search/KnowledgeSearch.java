package dev.selam.knowledge.search;

import dev.selam.knowledge.analysis.LanguageAnalyzers;
import dev.selam.knowledge.analysis.TextAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * Finds the article for a question, and says how sure it is.
 *
 * <p>The question is analysed with its language's chain (never parsed as Lucene syntax), each word
 * becomes a disjunction over the article's parts (title, keywords, questions, body) and over the
 * example questions, and words the index does not know are matched with edit distance (typos).
 * Confidence comes from how much of the question the best article covers, weighted by how telling
 * each word is (IDF), and from how clearly it beats the runner-up: a question mostly made of words
 * no article uses gets no confident answer.
 */
public final class KnowledgeSearch {
  private static final int CANDIDATES = 10;
  private static final int EXAMPLES = 30;

  /**
   * How many unknown words of one question are looked up for close spellings: typos matter in a
   * short question, and each look-up builds an edit-distance automaton, so a long message of
   * made-up words (4,000 characters took about 280 ms) cannot tie up a worker.
   */
  private static final int SPELL_CHECKED_WORDS = 16;

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
    List<List<String>> groups = new ArrayList<>();
    for (List<String> group :
        TextAnalysis.formsByPosition(queryAnalyzers.get(language), "q", question)) {
      if (!groups.contains(group)) {
        groups.add(group);
      }
    }
    return groups;
  }

  private SearchResult rank(IndexSearcher searcher, List<List<String>> groups, String language) {
    try {
      IndexReader reader = searcher.getIndexReader();
      TermStatistics statistics = TermStatistics.of(reader);
      List<QuestionWord> words = new ArrayList<>();
      int spellChecksLeft = SPELL_CHECKED_WORDS;
      for (List<String> forms : groups) {
        QuestionWord word = statistics.word(forms, language, spellChecksLeft > 0);
        if (word.exact().isEmpty()) {
          spellChecksLeft--;
        }
        words.add(word);
      }
      if (words.stream().noneMatch(QuestionWord::known)) {
        return calibration.none(language);
      }
      DocFields fields = DocFields.of(reader);
      TopHitsByKind top =
          searcher.search(
              query(words, language),
              TopHitsByKind.manager(fields::isArticle, CANDIDATES, EXAMPLES));
      Map<String, Double> exampleSimilarity = exampleSimilarity(fields, top.examples(), words);
      List<Calibration.Candidate> candidates =
          candidates(reader, fields, top.articles(), words, language, exampleSimilarity);
      return calibration.result(language, hits(fields, candidates, language));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One query for the articles and their example questions: each word is a disjunction over the
   * article's parts, each weighted by its boost, and on its own over the example questions. Every
   * field belongs to one language and one kind of document, so the fields searched are the filter.
   */
  private static Query query(List<QuestionWord> words, String language) {
    String examples = ArticleIndex.exampleField(language);
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (QuestionWord word : withinClauseLimit(words)) {
      Query article = word.articleQuery(language);
      if (article != null) {
        query.add(article, BooleanClause.Occur.SHOULD);
      }
      Query example = word.query(examples, 1.0f);
      if (example != null) {
        query.add(example, BooleanClause.Occur.SHOULD);
      }
    }
    return query.build();
  }

  /**
   * The words, or for a message too long for one Lucene query (a pasted letter, say: Lucene refuses
   * more term clauses than {@link IndexSearcher#getMaxClauseCount()}), its most telling words that
   * fit, in the order written. The words left out still count in the confidence.
   */
  static List<QuestionWord> withinClauseLimit(List<QuestionWord> words) {
    int limit = IndexSearcher.getMaxClauseCount();
    if (words.stream().mapToInt(QuestionWord::clauses).sum() <= limit) {
      return words;
    }
    List<QuestionWord> mostTelling = new ArrayList<>(words);
    mostTelling.sort(Comparator.comparingDouble(QuestionWord::weight).reversed());
    Set<QuestionWord> kept = new java.util.HashSet<>();
    int clauses = 0;
    for (QuestionWord word : mostTelling) {
      if (clauses + word.clauses() <= limit) {
        kept.add(word);
        clauses += word.clauses();
      }
    }
    return words.stream().filter(kept::contains).toList();
  }

  /**
   * For each topic, how closely the question resembles one of its example questions: the share of
   * the question found in the example (words weighted by how telling they are) times the share of
   * the example's words found in the question. The example's analysed words are stored with it, so
   * this needs no postings lookups.
   */
  private static Map<String, Double> exampleSimilarity(
      DocFields fields, List<ScoreDoc> examples, List<QuestionWord> words) {
    double total = words.stream().mapToDouble(QuestionWord::weight).sum();
    Map<String, Double> best = new HashMap<>();
    for (ScoreDoc hit : examples) {
      Set<String> exampleTerms = fields.exampleTerms(hit.doc);
      double matchedWeight = 0;
      int matchedWords = 0;
      for (QuestionWord word : words) {
        if (word.matchesAny(exampleTerms)) {
          matchedWeight += word.weight();
          matchedWords++;
        }
      }
      double similarity =
          Math.sqrt(
              share(matchedWeight, total)
                  * Math.min(1.0, share(matchedWords, exampleTerms.size())));
      best.merge(fields.topic(hit.doc), similarity, Math::max);
    }
    return best;
  }

  private static List<Calibration.Candidate> candidates(
      IndexReader reader,
      DocFields fields,
      List<ScoreDoc> articles,
      List<QuestionWord> words,
      String language,
      Map<String, Double> exampleSimilarity)
      throws IOException {
    double totalWeight = words.stream().mapToDouble(QuestionWord::weight).sum();
    double knownWeight = words.stream().mapToDouble(QuestionWord::knownWeight).sum();
    List<ScoreDoc> docs = new ArrayList<>(articles);
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
    for (QuestionWord word : words) {
      matched.add(word.matchingDocs(reader, ids, QuestionWord.articleFields(language)));
    }
    List<Calibration.Candidate> out = new ArrayList<>();
    for (ScoreDoc hit : docs) {
      double covered = 0;
      for (int w = 0; w < words.size(); w++) {
        if (matched.get(w).contains(hit.doc)) {
          covered += words.get(w).weight();
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

  private static double share(double part, double whole) {
    return whole == 0 ? 0 : part / whole;
  }

  /**
   * Confidence per candidate, best first, and the article to show: the question's language when
   * published, else the fallback language's (the bot then says so), else the topic is skipped.
   */
  private List<SearchResult.Hit> hits(
      DocFields fields, List<Calibration.Candidate> candidates, String language) {
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
      String fallbackTitle = publishedTitle(fields, c.topic(), fallbackLanguage);
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

  private static String publishedTitle(DocFields fields, String topic, String language) {
    int doc = fields.article(topic + "/" + language);
    return doc >= 0 && "published".equals(fields.status(doc)) ? fields.title(doc) : null;
  }

  String fallbackLanguage() {
    return fallbackLanguage;
  }
}

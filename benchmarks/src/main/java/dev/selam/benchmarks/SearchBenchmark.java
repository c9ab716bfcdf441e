package dev.selam.benchmarks;

import dev.selam.knowledge.analysis.LanguageAnalyzers;
import dev.selam.knowledge.analysis.SynonymFiles;
import dev.selam.knowledge.analysis.TextAnalysis;
import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.content.ContentSet;
import dev.selam.knowledge.content.Topics;
import dev.selam.knowledge.search.ArticleIndex;
import dev.selam.knowledge.search.Calibration;
import dev.selam.knowledge.search.KnowledgeSearch;
import dev.selam.knowledge.search.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search latency of the knowledge base, side by side with two plain Lucene searchers on the same
 * index and questions: the question's analysed terms OR-ed over the body field, and the same query
 * Selam runs, built as a Lucene user would build it ({@link #plainLuceneSameQuery}). Questions are
 * the articles' own example questions, cycled. The cache is not involved: every call searches.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SearchBenchmark -rf json}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SearchBenchmark {
  static final Set<String> LANGUAGES = Set.of("en", "tr", "ar", "ru", "fa", "uk");

  @Param({"seed", "generated10k"})
  String dataset;

  private Path dir;
  private ArticleIndex index;
  private KnowledgeSearch search;
  private Map<String, SynonymMap> synonyms;
  private final List<String[]> questions = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    List<Article> seed = ContentSet.bundled(Topics.bundled(), LANGUAGES).articles();
    List<Article> articles =
        "seed".equals(dataset) ? seed : GeneratedArticles.generate(seed, 10_000, 42);
    dir = Files.createTempDirectory("selam-bench-index");
    index = ArticleIndex.open(FSDirectory.open(dir));
    index.rebuild(articles, dataset);
    synonyms = SynonymFiles.load(LANGUAGES, Optional.empty());
    search = new KnowledgeSearch(index, LANGUAGES, synonyms, "en", Calibration.DEFAULT);
    for (Article article : seed) {
      for (String question : article.questions()) {
        questions.add(new String[] {article.language(), question});
      }
      questions.add(new String[] {article.language(), article.title()});
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    index.close();
  }

  private String[] nextQuestion() {
    next = (next + 1) % questions.size();
    return questions.get(next);
  }

  @Benchmark
  public SearchResult selamSearch() {
    String[] q = nextQuestion();
    return search.search(q[1], q[0]);
  }

  @Benchmark
  public TopDocs plainLuceneSearcher() {
    String[] q = nextQuestion();
    Analyzer analyzer = PlainAnalyzers.get(q[0]);
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(
        new TermQuery(new Term(ArticleIndex.languageField(), q[0])), BooleanClause.Occur.FILTER);
    for (String term : TextAnalysis.termTexts(analyzer, q[1])) {
      query.add(
          new TermQuery(new Term(ArticleIndex.bodyField(q[0]), term)), BooleanClause.Occur.SHOULD);
    }
    return top10(query.build());
  }

  /**
   * A plain searcher given the same query as {@link #selamSearch}: the question analysed by the
   * same query analyzer (synonyms included), each word (its forms at one position) a disjunction
   * over the article's parts with the same boosts, and on its own over the example questions, run
   * for the top 10. It has no typo tolerance, no coverage and no confidence, and it looks every
   * word up in every field, where Selam reuses the term states it keeps per reader and leaves out
   * fields that do not hold the word.
   */
  @Benchmark
  public TopDocs plainLuceneSameQuery() {
    String[] q = nextQuestion();
    String language = q[0];
    Map<String, Float> parts = ArticleIndex.partBoosts(language);
    String examples = ArticleIndex.exampleField(language);
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (List<String> forms :
        TextAnalysis.formsByPosition(QueryAnalyzers.get(language, synonyms), "q", q[1])) {
      List<Query> inParts = new ArrayList<>();
      parts.forEach((field, boost) -> inParts.add(oneOf(forms, field, boost)));
      query.add(new DisjunctionMaxQuery(inParts, 0.2f), BooleanClause.Occur.SHOULD);
      query.add(oneOf(forms, examples, 1.0f), BooleanClause.Occur.SHOULD);
    }
    return top10(query.build());
  }

  private static Query oneOf(List<String> forms, String field, float boost) {
    List<Query> alternatives = new ArrayList<>();
    for (String form : forms) {
      alternatives.add(new BoostQuery(new TermQuery(new Term(field, form)), boost));
    }
    return alternatives.size() == 1
        ? alternatives.get(0)
        : new DisjunctionMaxQuery(alternatives, 0);
  }

  private TopDocs top10(Query query) {
    return index.withSearcher(
        searcher -> {
          try {
            return searcher.search(query, 10);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** One query analyzer per language, with the same synonyms as the knowledge search, made once. */
  static final class QueryAnalyzers {
    private static final Map<String, Analyzer> ANALYZERS = new HashMap<>();

    static synchronized Analyzer get(String language, Map<String, SynonymMap> synonyms) {
      return ANALYZERS.computeIfAbsent(
          language, l -> LanguageAnalyzers.query(l, Optional.ofNullable(synonyms.get(l))));
    }
  }

  /** One index analyzer per language, made once. */
  static final class PlainAnalyzers {
    private static final Map<String, Analyzer> ANALYZERS = new HashMap<>();

    static synchronized Analyzer get(String language) {
      return ANALYZERS.computeIfAbsent(language, LanguageAnalyzers::index);
    }
  }
}

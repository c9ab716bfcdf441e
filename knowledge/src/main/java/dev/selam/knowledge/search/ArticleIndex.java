package dev.selam.knowledge.search;

import dev.selam.knowledge.analysis.LanguageAnalyzers;
import dev.selam.knowledge.analysis.TextAnalysis;
import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleStatus;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index of articles, derived from the article table: rebuilt whole when missing or
 * stale, updated near-real-time one article at a time. Published articles are answers; archived
 * ones stay indexed only to recognise their topic, so a question still finds its topic (and the
 * English article) when the translation is withdrawn. Drafts are not indexed.
 */
public final class ArticleIndex implements Closeable {
  static final String ID = "id";
  static final String TOPIC = "topic";
  static final String LANGUAGE = "lang";
  static final String STATUS = "status";
  static final String TITLE_STORED = "title_stored";
  static final String FINGERPRINT = "fingerprint";

  /**
   * The layout of the documents and the analysis they went through: part of the recorded
   * fingerprint, so an index written by an older version counts as stale and is rebuilt. Raise it
   * whenever the documents' fields or an analysis chain change.
   */
  static final String LAYOUT = "layout-2";

  /** Each article is one "article" document plus one "example" document per example question. */
  static final String KIND = "kind";

  static final String ARTICLE = "article";
  static final String EXAMPLE = "example";

  /** An example question's distinct analysed terms, space-separated (stored, not searched). */
  static final String EXAMPLE_TERMS = "example_terms";

  /** Kind and language in one term, so a language's article count is one docFreq lookup. */
  static final String KIND_LANGUAGE = "kind_lang";

  /** Where each part of an article is indexed, and how much a match there counts. */
  enum Part {
    TITLE("title", 3.0f),
    KEYWORDS("kw", 2.0f),
    QUESTIONS("q", 2.0f),
    BODY("body", 1.0f);

    final String prefix;
    final float boost;

    Part(String prefix, float boost) {
      this.prefix = prefix;
      this.boost = boost;
    }

    String field(String language) {
      return prefix + "_" + language;
    }
  }

  /** The field of a language's example questions (documents of their own). */
  public static String exampleField(String language) {
    return "ex_" + language;
  }

  /** The body field of a language: for a plain baseline searcher in benchmarks. */
  public static String bodyField(String language) {
    return Part.BODY.field(language);
  }

  /**
   * The fields of an article's parts in a language and how much a match in each counts, as the
   * knowledge search weighs them: for a plain baseline searcher in benchmarks.
   */
  public static Map<String, Float> partBoosts(String language) {
    Map<String, Float> boosts = new java.util.LinkedHashMap<>();
    for (Part part : Part.values()) {
      boosts.put(part.field(language), part.boost);
    }
    return boosts;
  }

  /** The language filter field. */
  public static String languageField() {
    return LANGUAGE;
  }

  /** Index-time analyzers, one per language, to count the terms of example questions. */
  private static final Map<String, Analyzer> ANALYZERS = new HashMap<>();

  static {
    for (String language : LanguageAnalyzers.SUPPORTED) {
      ANALYZERS.put(language, LanguageAnalyzers.index(language));
    }
  }

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private ArticleIndex(Directory directory, IndexWriter writer) throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
  }

  public static ArticleIndex open(Directory directory) {
    try {
      IndexWriterConfig config = new IndexWriterConfig(analyzer());
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setCommitOnClose(true);
      return new ArticleIndex(directory, new IndexWriter(directory, config));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index", e);
    }
  }

  private static Analyzer analyzer() {
    Map<String, Analyzer> perField = new HashMap<>();
    for (String language : LanguageAnalyzers.SUPPORTED) {
      Analyzer analyzer = LanguageAnalyzers.index(language);
      for (Part part : Part.values()) {
        perField.put(part.field(language), analyzer);
      }
      perField.put(exampleField(language), analyzer);
    }
    return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
  }

  /** Replaces the whole index, recording the fingerprint of the articles it was built from. */
  public void rebuild(Collection<Article> articles, String fingerprint) {
    try {
      writer.deleteAll();
      for (Article article : articles) {
        if (article.status() != ArticleStatus.DRAFT) {
          writer.addDocuments(documents(article));
        }
      }
      writer.forceMerge(1); // one segment: every search and term lookup walks one leaf
      commit(fingerprint);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rebuild the search index", e);
    }
  }

  /** Adds, replaces or removes (drafts) one article; searches see it at once. */
  public void update(Article article, String fingerprint) {
    try {
      Term id = new Term(ID, article.id());
      if (article.status() == ArticleStatus.DRAFT) {
        writer.deleteDocuments(id);
      } else {
        writer.updateDocuments(id, documents(article));
      }
      commit(fingerprint);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the search index", e);
    }
  }

  private void commit(String fingerprint) throws IOException {
    writer.setLiveCommitData(Map.of(FINGERPRINT, LAYOUT + ":" + fingerprint).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /** The fingerprint of the articles the index was last built from; empty when never built. */
  public Optional<String> fingerprint() {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return Optional.empty();
      }
      for (var entry : writer.getLiveCommitData()) {
        if (FINGERPRINT.equals(entry.getKey()) && entry.getValue().startsWith(LAYOUT + ":")) {
          return Optional.of(entry.getValue().substring(LAYOUT.length() + 1));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public <T> T withSearcher(Function<IndexSearcher, T> work) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return work.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Document> documents(Article article) {
    List<Document> docs = new ArrayList<>();
    docs.add(document(article));
    List<String> examples = new ArrayList<>(article.questions());
    examples.add(article.title());
    Analyzer analyzer = ANALYZERS.get(article.language());
    for (String example : examples) {
      var terms = new LinkedHashSet<>(TextAnalysis.termTexts(analyzer, example));
      if (terms.isEmpty()) {
        continue;
      }
      Document doc = new Document();
      doc.add(new StringField(ID, article.id(), Field.Store.NO));
      doc.add(new StringField(KIND, EXAMPLE, Field.Store.NO));
      doc.add(new StringField(TOPIC, article.topic(), Field.Store.NO));
      doc.add(new SortedDocValuesField(TOPIC, new BytesRef(article.topic())));
      doc.add(new StringField(LANGUAGE, article.language(), Field.Store.NO));
      doc.add(new BinaryDocValuesField(EXAMPLE_TERMS, new BytesRef(String.join(" ", terms))));
      doc.add(new TextField(exampleField(article.language()), example, Field.Store.NO));
      docs.add(doc);
    }
    return docs;
  }

  private static Document document(Article article) {
    String language = article.language();
    Document doc = new Document();
    doc.add(new StringField(ID, article.id(), Field.Store.YES));
    doc.add(new StringField(KIND, ARTICLE, Field.Store.NO));
    doc.add(new StringField(KIND_LANGUAGE, ARTICLE + "_" + language, Field.Store.NO));
    doc.add(new StringField(TOPIC, article.topic(), Field.Store.YES));
    doc.add(new SortedDocValuesField(TOPIC, new BytesRef(article.topic())));
    doc.add(new StringField(LANGUAGE, language, Field.Store.YES));
    doc.add(new StringField(STATUS, article.status().dbValue(), Field.Store.YES));
    doc.add(new SortedDocValuesField(STATUS, new BytesRef(article.status().dbValue())));
    doc.add(new BinaryDocValuesField(TITLE_STORED, new BytesRef(article.title())));
    doc.add(new TextField(Part.TITLE.field(language), article.title(), Field.Store.NO));
    doc.add(
        new TextField(
            Part.KEYWORDS.field(language), String.join(" , ", article.keywords()), Field.Store.NO));
    doc.add(
        new TextField(
            Part.QUESTIONS.field(language),
            String.join(" \n ", article.questions()),
            Field.Store.NO));
    doc.add(new TextField(Part.BODY.field(language), article.body(), Field.Store.NO));
    return doc;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

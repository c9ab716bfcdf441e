package dev.selam.knowledge;

import dev.selam.knowledge.analysis.SynonymFiles;
import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleCache;
import dev.selam.knowledge.article.ArticleStatus;
import dev.selam.knowledge.article.ArticleStore;
import dev.selam.knowledge.content.ContentSet;
import dev.selam.knowledge.content.Topics;
import dev.selam.knowledge.search.ArticleIndex;
import dev.selam.knowledge.search.Calibration;
import dev.selam.knowledge.search.KnowledgeSearch;
import dev.selam.knowledge.search.SearchCache;
import dev.selam.knowledge.search.SearchResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base as the rest of the service sees it: articles in the database, a Lucene index
 * derived from them on local disk, searches through a cache. Each replica keeps its own index and
 * hears every change on the event bus.
 */
public final class KnowledgeBase implements AutoCloseable {
  /** Published after an article changed; every replica updates its own index. */
  public static final String ARTICLE_CHANGED = "selam.kb.article_changed";

  private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

  private final Vertx vertx;
  private final ArticleStore store;
  private final ArticleIndex index;
  private final KnowledgeSearch search;
  private final SearchCache cache = new SearchCache(10_000);
  private final ArticleCache articleCache;
  private final KnowledgeSettings settings;
  private final String node = UUID.randomUUID().toString();
  private final AtomicBoolean ready = new AtomicBoolean();

  private KnowledgeBase(
      Vertx vertx,
      ArticleStore store,
      ArticleIndex index,
      KnowledgeSearch search,
      KnowledgeSettings settings) {
    this.vertx = vertx;
    this.store = store;
    this.articleCache = new ArticleCache(store);
    this.index = index;
    this.search = search;
    this.settings = settings;
  }

  /**
   * Opens the index, loads the seed content into an empty database, rebuilds the index when it is
   * missing or stale, and starts listening for changes made on other replicas.
   */
  public static Future<KnowledgeBase> start(
      Vertx vertx, ArticleStore store, KnowledgeSettings settings, Calibration calibration) {
    return open(vertx, store, settings, calibration).compose(kb -> kb.load().map(kb));
  }

  /**
   * Opens the index and prepares the search, without touching the database: an instance to wire
   * into the rest of the service while {@link #load()} brings it up to date. Not {@link #ready()}
   * before that.
   */
  public static Future<KnowledgeBase> open(
      Vertx vertx, ArticleStore store, KnowledgeSettings settings, Calibration calibration) {
    return vertx.executeBlocking(
        () -> {
          ArticleIndex index = ArticleIndex.open(FSDirectory.open(settings.indexDir()));
          KnowledgeSearch search =
              new KnowledgeSearch(
                  index,
                  settings.languages(),
                  SynonymFiles.load(settings.languages(), settings.synonymsDir()),
                  settings.fallbackLanguage(),
                  calibration);
          return new KnowledgeBase(vertx, store, index, search, settings);
        },
        false);
  }

  /**
   * Loads the seed content into an empty database, rebuilds the index when it is missing or stale,
   * and starts listening for changes made on other replicas.
   */
  public Future<Void> load() {
    return seedIfEmpty().compose(v -> refreshIfStale()).onSuccess(v -> listen());
  }

  private Future<Void> seedIfEmpty() {
    return store
        .isEmpty()
        .compose(
            empty -> {
              if (!empty) {
                return Future.succeededFuture();
              }
              ContentSet seed = ContentSet.bundled(Topics.bundled(), settings.languages());
              if (!seed.valid()) {
                return Future.failedFuture(
                    new IllegalStateException("seed content is invalid: " + seed.problems()));
              }
              return store
                  .insertAll(seed.articles(), "imported", "seed")
                  .onSuccess(
                      n ->
                          log.atInfo()
                              .addKeyValue("event", "kb.seeded")
                              .addKeyValue("articles", n)
                              .log("knowledge base seeded"))
                  .mapEmpty();
            });
  }

  /** Rebuilds the index from the database when their fingerprints differ. */
  public Future<Void> refreshIfStale() {
    articleCache.clear();
    return store
        .fingerprint()
        .compose(
            fingerprint -> {
              if (index.fingerprint().filter(fingerprint::equals).isPresent()) {
                ready.set(true);
                return Future.succeededFuture();
              }
              return store
                  .all()
                  .compose(
                      articles ->
                          vertx.executeBlocking(
                              () -> {
                                index.rebuild(articles, fingerprint);
                                return null;
                              },
                              false))
                  .onSuccess(
                      v -> {
                        cache.invalidateAll();
                        ready.set(true);
                        log.atInfo()
                            .addKeyValue("event", "kb.index_rebuilt")
                            .log("search index rebuilt");
                      })
                  .mapEmpty();
            });
  }

  private void listen() {
    vertx
        .eventBus()
        .<JsonObject>consumer(
            ARTICLE_CHANGED,
            message -> {
              JsonObject change = message.body();
              if (!node.equals(change.getString("node"))) {
                reindex(change.getString("topic"), change.getString("language"));
              }
            });
  }

  /** True once the index reflects the database: part of readiness. */
  public boolean ready() {
    return ready.get();
  }

  /** Searches (on a worker thread), through the cache; {@code language} null searches all. */
  public Future<SearchResult> search(String question, String language) {
    return vertx.executeBlocking(
        () -> cache.get(question, language, () -> search.search(question, language)), false);
  }

  /** The search itself, synchronously: for evaluation and benchmarks. */
  public KnowledgeSearch searcher() {
    return search;
  }

  public Future<List<Article>> articles() {
    return store.all();
  }

  public Future<Optional<Article>> article(String topic, String language) {
    return store.find(topic, language);
  }

  /**
   * The article the bot answers with: as {@link #article}, through a cache that every change to the
   * article clears. Editors read with {@link #article}, which always asks the database.
   */
  public Future<Optional<Article>> answerArticle(String topic, String language) {
    return articleCache.find(topic, language, vertx.getOrCreateContext());
  }

  /** The languages articles may be written in. */
  public java.util.Set<String> languages() {
    return settings.languages();
  }

  public ArticleStore store() {
    return store;
  }

  /** Saves a change, then brings this replica's index and cache up to date and tells the others. */
  public Future<Article> save(Article article, int basedOn, String change, String author) {
    return save(article, basedOn, change, author, conn -> Future.succeededFuture());
  }

  /** As above, with {@code alsoInTransaction} (an audit entry) committed with the change. */
  public Future<Article> save(
      Article article,
      int basedOn,
      String change,
      String author,
      Function<SqlConnection, Future<?>> alsoInTransaction) {
    return store
        .save(article, basedOn, change, author, alsoInTransaction)
        .compose(saved -> applyLocally(saved).map(saved));
  }

  public Future<Article> setStatus(
      String topic, String language, ArticleStatus status, int basedOn, String author) {
    return store
        .find(topic, language)
        .compose(
            found ->
                found
                    .map(a -> save(a.withStatus(status), basedOn, status.dbValue(), author))
                    .orElseGet(
                        () -> Future.failedFuture(new ArticleNotFoundException(topic, language))));
  }

  /** Makes an earlier version the current one again, as a new version (history is kept). */
  public Future<Article> restore(
      String topic, String language, int version, int basedOn, String author) {
    return store
        .versions(topic, language)
        .compose(
            versions ->
                versions.stream()
                    .filter(v -> v.article().version() == version)
                    .findFirst()
                    .map(v -> save(v.article(), basedOn, "restored", author))
                    .orElseGet(
                        () -> Future.failedFuture(new ArticleNotFoundException(topic, language))));
  }

  /** Imports a validated set in one transaction, then refreshes the index. */
  public Future<Integer> importAll(List<Article> articles, String author) {
    return importAll(articles, author, (conn, changed) -> Future.succeededFuture());
  }

  /** As above, with {@code alsoInTransaction} (an audit entry) committed with the import. */
  public Future<Integer> importAll(
      List<Article> articles,
      String author,
      BiFunction<SqlConnection, Integer, Future<?>> alsoInTransaction) {
    return store
        .saveAll(articles, "imported", author, alsoInTransaction)
        .compose(n -> refreshIfStale().map(n))
        .onSuccess(
            n ->
                vertx
                    .eventBus()
                    .publish(ARTICLE_CHANGED, new JsonObject().put("node", node).put("all", true)));
  }

  private Future<Void> applyLocally(Article saved) {
    return reindex(saved.topic(), saved.language())
        .onSuccess(
            v ->
                vertx
                    .eventBus()
                    .publish(
                        ARTICLE_CHANGED,
                        new JsonObject()
                            .put("node", node)
                            .put("topic", saved.topic())
                            .put("language", saved.language())
                            .put("version", saved.version())));
  }

  private Future<Void> reindex(String topic, String language) {
    if (topic == null || language == null) {
      return refreshIfStale();
    }
    return store
        .find(topic, language)
        .compose(
            found ->
                store
                    .fingerprint()
                    .compose(
                        fingerprint ->
                            vertx.executeBlocking(
                                () -> {
                                  found.ifPresent(article -> index.update(article, fingerprint));
                                  cache.articleChanged(topic, language);
                                  articleCache.changed(topic, language);
                                  return null;
                                },
                                false)))
        .mapEmpty();
  }

  @Override
  public void close() {
    try {
      index.close();
    } catch (UncheckedIOException e) {
      log.atWarn().addKeyValue("event", "kb.index_close_failed").log("index close failed");
    }
  }

  /** Thrown for an article that does not exist. */
  public static final class ArticleNotFoundException extends RuntimeException {
    public ArticleNotFoundException(String topic, String language) {
      super("no article " + topic + "/" + language);
    }
  }
}

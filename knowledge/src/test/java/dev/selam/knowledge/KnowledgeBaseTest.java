package dev.selam.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleStatus;
import dev.selam.knowledge.article.ArticleStore;
import dev.selam.knowledge.search.Calibration;
import dev.selam.knowledge.search.SearchResult;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class KnowledgeBaseTest {
  @TempDir Path dataDir;
  TestDatabase testDb;
  Database db;
  KnowledgeBase kb;
  Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    testDb = TestDatabase.create(dataDir);
    db = Database.open(vertx, testDb.settings()).await();
    kb = startKnowledgeBase();
  }

  KnowledgeBase startKnowledgeBase() {
    Settings settings = Settings.of(Map.of("SELAM_DATA_DIR", dataDir.toString()));
    return KnowledgeBase.start(
            vertx,
            new ArticleStore(db.pool(), Clock.systemUTC()),
            KnowledgeSettings.from(settings, DataDirectory.from(settings)),
            Calibration.DEFAULT)
        .await();
  }

  @AfterEach
  void stop() {
    kb.close();
    db.close();
    testDb.close();
  }

  @Test
  void emptyDatabaseIsSeededAndIndexed() {
    assertThat(kb.ready()).isTrue();
    assertThat(kb.articles().await()).hasSize(28 * 6);
    SearchResult result =
        kb.search("which number do I call for an ambulance or the police", "en").await();
    assertThat(result.answer()).map(SearchResult.Hit::topic).contains("emergency-numbers");
  }

  @Test
  void luceneSyntaxInAQuestionIsPlainText() {
    for (String question :
        new String[] {
          "\"passport\" AND (lost OR stolen)* ~2 title:x [a TO b] {c} ^3 \\ / !",
          "*",
          "AND",
          "((((",
          ":",
          "~",
          "\"",
        }) {
      SearchResult result = kb.search(question, "en").await();
      assertThat(result).as(question).isNotNull();
    }
    assertThat(kb.search("lost passport AND stolen", "en").await().best())
        .map(SearchResult.Hit::topic)
        .contains("lost-documents");
  }

  @Test
  void nonsenseGetsNoConfidentAnswer() {
    assertThat(kb.search("xyzzy plugh frobnicate quux", "en").await().answer()).isEmpty();
    assertThat(kb.search("   ", "en").await().answer()).isEmpty();
  }

  @Test
  void archivingATranslationFallsBackToEnglishWithoutRestart() {
    String question = "أين أجد مأوى آمن للنوم الليلة";
    SearchResult before = kb.search(question, "ar").await();
    assertThat(before.best()).map(SearchResult.Hit::topic).contains("shelter");
    assertThat(before.best().get().fallback()).isFalse();

    Article arabic = kb.article("shelter", "ar").await().orElseThrow();
    kb.setStatus("shelter", "ar", ArticleStatus.ARCHIVED, arabic.version(), "editor").await();

    SearchResult after = kb.search(question, "ar").await();
    assertThat(after.best()).map(SearchResult.Hit::topic).contains("shelter");
    assertThat(after.best().get().answerLanguage()).isEqualTo("en");
    assertThat(after.best().get().fallback()).isTrue();
  }

  @Test
  void publishedEditIsSearchableAtOnceAndCachedResultIsReplaced() {
    SearchResult first = kb.search("emergency numbers", "en").await();
    assertThat(first.best()).map(SearchResult.Hit::topic).contains("emergency-numbers");
    Article article = kb.article("emergency-numbers", "en").await().orElseThrow();

    Article edited =
        new Article(
            article.topic(),
            "en",
            "Numbers to call",
            article.body(),
            article.keywords(),
            article.questions(),
            ArticleStatus.PUBLISHED,
            0,
            false,
            "");
    kb.save(edited, article.version(), "edited", "editor").await();

    assertThat(kb.search("emergency numbers", "en").await().best())
        .map(SearchResult.Hit::title)
        .contains("Numbers to call");
  }

  @Test
  void aWordNoArticleUsedIsFoundOnceAnArticleUsingItIsPublished() {
    // Question words are worked out once per index reader: a publication must start afresh.
    assertThat(kb.search("frobnicator", "en").await().answer()).isEmpty();
    Article article = kb.article("emergency-numbers", "en").await().orElseThrow();
    List<String> keywords = new java.util.ArrayList<>(article.keywords());
    keywords.add("frobnicator");
    kb.save(
            new Article(
                article.topic(),
                "en",
                article.title(),
                article.body(),
                keywords,
                article.questions(),
                ArticleStatus.PUBLISHED,
                0,
                false,
                ""),
            article.version(),
            "new keyword",
            "editor")
        .await();

    assertThat(kb.search("frobnicator", "en").await().best())
        .map(SearchResult.Hit::topic)
        .contains("emergency-numbers");
  }

  @Test
  void anyVersionCanBeRestored() {
    Article original = kb.article("legal-aid", "en").await().orElseThrow();
    Article changed =
        new Article(
            "legal-aid",
            "en",
            "Changed title",
            "Changed body",
            original.keywords(),
            original.questions(),
            ArticleStatus.PUBLISHED,
            0,
            true,
            "");
    Article v2 = kb.save(changed, original.version(), "edited", "editor").await();

    Article v3 = kb.restore("legal-aid", "en", original.version(), v2.version(), "editor").await();

    assertThat(v3.version()).isEqualTo(original.version() + 2);
    assertThat(v3.title()).isEqualTo(original.title());
    assertThat(v3.body()).isEqualTo(original.body());
    assertThat(kb.store().versions("legal-aid", "en").await())
        .extracting(ArticleStore.Version::change)
        .containsExactly("restored", "edited", "imported");
  }

  @Test
  void concurrentEditIsRefused() {
    Article article = kb.article("education", "tr").await().orElseThrow();
    kb.save(article, article.version(), "edited", "a").await();

    var second = kb.save(article, article.version(), "edited", "b");

    assertThat(second.toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(dev.selam.knowledge.article.ConcurrentEditException.class);
  }

  @Test
  void staleIndexIsRebuiltAtStart() throws Exception {
    kb.close();
    try (var c = testDb.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE article SET status = 'archived', version = version + 1"
              + " WHERE topic = 'shelter' AND language = 'en'");
    }
    kb = startKnowledgeBase();

    SearchResult result = kb.search("shelter safe place to sleep", "en").await();
    assertThat(result.hits()).noneMatch(hit -> hit.topic().equals("shelter"));
  }

  @Test
  void answeredArticleIsReadOnceUntilItChanges() throws Exception {
    Article article = kb.answerArticle("legal-aid", "en").await().orElseThrow();
    changeBodyBehindItsBack("legal-aid", "en", "Changed behind its back");
    assertThat(kb.answerArticle("legal-aid", "en").await().orElseThrow().body())
        .as("read from the cache, not the database")
        .isEqualTo(article.body());

    Article edited =
        new Article(
            "legal-aid",
            "en",
            article.title(),
            "Edited through the editor",
            article.keywords(),
            article.questions(),
            ArticleStatus.PUBLISHED,
            0,
            false,
            "");
    kb.save(edited, article.version() + 1, "edited", "editor").await();

    assertThat(kb.answerArticle("legal-aid", "en").await().orElseThrow().body())
        .isEqualTo("Edited through the editor");
    assertThat(kb.answerArticle("legal-aid", "tr").await().orElseThrow().body())
        .isNotEqualTo("Edited through the editor");
  }

  @Test
  void answeredArticleChangedOnAnotherReplicaIsReadAfresh() throws Exception {
    kb.answerArticle("shelter", "en").await().orElseThrow();
    changeBodyBehindItsBack("shelter", "en", "Changed on another replica");

    vertx
        .eventBus()
        .publish(
            KnowledgeBase.ARTICLE_CHANGED,
            new io.vertx.core.json.JsonObject()
                .put("node", "another-replica")
                .put("topic", "shelter")
                .put("language", "en"));

    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    String body = null;
    while (System.nanoTime() < deadline) {
      body = kb.answerArticle("shelter", "en").await().orElseThrow().body();
      if (body.equals("Changed on another replica")) {
        break;
      }
      Thread.sleep(20);
    }
    assertThat(body).isEqualTo("Changed on another replica");
  }

  /** Another writer's change, made in the database without this replica's knowledge. */
  private void changeBodyBehindItsBack(String topic, String language, String body)
      throws Exception {
    try (var c = testDb.connect();
        var s =
            c.prepareStatement(
                "UPDATE article SET body = ?, version = version + 1"
                    + " WHERE topic = ? AND language = ?")) {
      s.setString(1, body);
      s.setString(2, topic);
      s.setString(3, language);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }
}

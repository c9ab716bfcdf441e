package dev.selam.knowledge.article;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Articles in the SQL store. Every change writes a new version row, so any version can be read back
 * and restored; the article row is the latest. A change states the version it was based on, and
 * fails if someone else changed the article in between.
 */
public final class ArticleStore {
  private static final String COLUMNS =
      "topic, language, title, body, keywords, questions, status, version, needs_review,"
          + " review_note";

  private static final String INSERT_ARTICLE =
      "INSERT INTO article (id, "
          + COLUMNS
          + ", updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_VERSION =
      "INSERT INTO article_version (article_id, version, title, body, keywords, questions,"
          + " status, needs_review, review_note, change, author, changed_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final Pool pool;
  private final Clock clock;

  public ArticleStore(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** One version of an article as recorded in its history. */
  public record Version(Article article, String change, String author, OffsetDateTime at) {}

  /** The latest state of every article. */
  public Future<List<Article>> all() {
    return pool.query("SELECT " + COLUMNS + " FROM article ORDER BY topic, language")
        .execute()
        .map(ArticleStore::articles);
  }

  public Future<Optional<Article>> find(String topic, String language) {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM article WHERE topic = ? AND language = ?")
        .execute(Tuple.of(topic, language))
        .map(rows -> articles(rows).stream().findFirst());
  }

  public Future<Boolean> isEmpty() {
    return pool.query("SELECT COUNT(*) AS n FROM article")
        .execute()
        .map(rows -> rows.iterator().next().getLong("n") == 0);
  }

  /**
   * Writes {@code article} as the next version. {@code basedOn} is the version the editor started
   * from (0 for a new article).
   *
   * @throws ConcurrentEditException (failed future) if the stored version is not {@code basedOn}
   */
  public Future<Article> save(Article article, int basedOn, String change, String author) {
    return save(article, basedOn, change, author, conn -> Future.succeededFuture());
  }

  /**
   * As {@link #save(Article, int, String, String)}, and runs {@code alsoInTransaction} (an audit
   * entry) in the same transaction: the change and its record exist together or not at all.
   */
  public Future<Article> save(
      Article article,
      int basedOn,
      String change,
      String author,
      Function<SqlConnection, Future<?>> alsoInTransaction) {
    return pool.withTransaction(
        conn ->
            save(conn, article, basedOn, change, author)
                .compose(saved -> alsoInTransaction.apply(conn).map(saved)));
  }

  /**
   * Inserts articles into an empty store as their first version, in two batched statements: the
   * seed at first start, where row-by-row writes would cost seconds.
   */
  public Future<Integer> insertAll(List<Article> articles, String change, String author) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    List<Tuple> rows = new ArrayList<>();
    List<Tuple> versions = new ArrayList<>();
    for (Article article : articles) {
      Article first = withVersion(article, 1);
      String id = UUID.randomUUID().toString();
      rows.add(articleRow(id, first, author, now));
      versions.add(versionRow(id, first, change, author, now));
    }
    if (rows.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(INSERT_ARTICLE)
                .executeBatch(rows)
                .compose(done -> conn.preparedQuery(INSERT_VERSION).executeBatch(versions))
                .map(done -> rows.size()));
  }

  /** Writes many articles at once, all or nothing (an import). */
  public Future<Integer> saveAll(List<Article> articles, String change, String author) {
    return saveAll(articles, change, author, (conn, changed) -> Future.succeededFuture());
  }

  /**
   * As {@link #saveAll(List, String, String)}, and runs {@code alsoInTransaction} with the number
   * of articles changed in the same transaction.
   */
  public Future<Integer> saveAll(
      List<Article> articles,
      String change,
      String author,
      BiFunction<SqlConnection, Integer, Future<?>> alsoInTransaction) {
    return pool.withTransaction(
        conn -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Article article : articles) {
            chain =
                chain.compose(
                    count ->
                        current(conn, article.topic(), article.language())
                            .compose(
                                existing -> {
                                  if (existing.isPresent()
                                      && sameContent(existing.get(), article)) {
                                    return Future.succeededFuture(count);
                                  }
                                  int basedOn = existing.map(Article::version).orElse(0);
                                  return save(conn, article, basedOn, change, author)
                                      .map(saved -> count + 1);
                                }));
          }
          return chain.compose(changed -> alsoInTransaction.apply(conn, changed).map(changed));
        });
  }

  private Future<Article> save(
      SqlConnection conn, Article article, int basedOn, String change, String author) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    return conn.preparedQuery("SELECT id, version FROM article WHERE topic = ? AND language = ?")
        .execute(Tuple.of(article.topic(), article.language()))
        .compose(
            rows -> {
              Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
              int stored = row == null ? 0 : row.getInteger("version");
              if (stored != basedOn) {
                return Future.failedFuture(
                    new ConcurrentEditException(article.id(), basedOn, stored));
              }
              Article next = withVersion(article, stored + 1);
              String id = row == null ? UUID.randomUUID().toString() : row.getString("id");
              Future<?> write =
                  row == null
                      ? conn.preparedQuery(INSERT_ARTICLE)
                          .execute(articleRow(id, next, author, now))
                      : conn.preparedQuery(
                              "UPDATE article SET title = ?, body = ?, keywords = ?, questions = ?,"
                                  + " status = ?, version = ?, needs_review = ?, review_note = ?,"
                                  + " updated_by = ?, updated_at = ? WHERE id = ? AND version = ?")
                          .execute(
                              Tuple.of(next.title(), next.body(), joinKeywords(next))
                                  .addValue(joinQuestions(next))
                                  .addValue(next.status().dbValue())
                                  .addValue(next.version())
                                  .addValue(next.needsReview())
                                  .addValue(next.reviewNote())
                                  .addValue(author)
                                  .addValue(now)
                                  .addValue(id)
                                  .addValue(stored));
              return write
                  .compose(
                      done ->
                          conn.preparedQuery(INSERT_VERSION)
                              .execute(versionRow(id, next, change, author, now)))
                  .map(next);
            });
  }

  private static Tuple articleRow(String id, Article a, String author, OffsetDateTime now) {
    return Tuple.of(id, a.topic(), a.language())
        .addValue(a.title())
        .addValue(a.body())
        .addValue(joinKeywords(a))
        .addValue(joinQuestions(a))
        .addValue(a.status().dbValue())
        .addValue(a.version())
        .addValue(a.needsReview())
        .addValue(a.reviewNote())
        .addValue(author)
        .addValue(now);
  }

  private static Tuple versionRow(
      String id, Article a, String change, String author, OffsetDateTime now) {
    return Tuple.of(id, a.version(), a.title())
        .addValue(a.body())
        .addValue(joinKeywords(a))
        .addValue(joinQuestions(a))
        .addValue(a.status().dbValue())
        .addValue(a.needsReview())
        .addValue(a.reviewNote())
        .addValue(change)
        .addValue(author)
        .addValue(now);
  }

  /** The history of an article, newest first. */
  public Future<List<Version>> versions(String topic, String language) {
    return pool.preparedQuery(
            "SELECT a.topic, a.language, v.title, v.body, v.keywords, v.questions, v.status,"
                + " v.version, v.needs_review, v.review_note, v.change, v.author, v.changed_at"
                + " FROM article_version v JOIN article a ON a.id = v.article_id"
                + " WHERE a.topic = ? AND a.language = ? ORDER BY v.version DESC")
        .execute(Tuple.of(topic, language))
        .map(
            rows -> {
              List<Version> versions = new ArrayList<>();
              for (Row row : rows) {
                versions.add(
                    new Version(
                        article(row),
                        row.getString("change"),
                        row.getString("author"),
                        row.getOffsetDateTime("changed_at")));
              }
              return versions;
            });
  }

  /** Fingerprint of every article's id, version and status: tells whether an index is stale. */
  public Future<String> fingerprint() {
    return pool.query(
            "SELECT topic, language, version, status FROM article ORDER BY topic, language")
        .execute()
        .map(
            rows -> {
              try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (Row row : rows) {
                  String line =
                      row.getString("topic")
                          + "/"
                          + row.getString("language")
                          + "@"
                          + row.getInteger("version")
                          + ":"
                          + row.getString("status")
                          + "\n";
                  digest.update(line.getBytes(StandardCharsets.UTF_8));
                }
                return HexFormat.of().formatHex(digest.digest());
              } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private Future<Optional<Article>> current(SqlConnection conn, String topic, String language) {
    return conn.preparedQuery(
            "SELECT " + COLUMNS + " FROM article WHERE topic = ? AND language = ?")
        .execute(Tuple.of(topic, language))
        .map(rows -> articles(rows).stream().findFirst());
  }

  static boolean sameContent(Article a, Article b) {
    return a.title().equals(b.title())
        && a.body().strip().equals(b.body().strip())
        && a.keywords().equals(b.keywords())
        && a.questions().equals(b.questions())
        && a.status() == b.status()
        && a.needsReview() == b.needsReview()
        && a.reviewNote().equals(b.reviewNote());
  }

  private static Article withVersion(Article a, int version) {
    return new Article(
        a.topic(),
        a.language(),
        a.title(),
        a.body(),
        a.keywords(),
        a.questions(),
        a.status(),
        version,
        a.needsReview(),
        a.reviewNote());
  }

  private static List<Article> articles(RowSet<Row> rows) {
    List<Article> out = new ArrayList<>();
    for (Row row : rows) {
      out.add(article(row));
    }
    return out;
  }

  private static Article article(Row row) {
    return new Article(
        row.getString("topic"),
        row.getString("language"),
        row.getString("title"),
        row.getString("body"),
        split(row.getString("keywords"), ","),
        split(row.getString("questions"), "\n"),
        ArticleStatus.fromDb(row.getString("status")),
        row.getInteger("version"),
        row.getBoolean("needs_review"),
        row.getString("review_note"));
  }

  private static List<String> split(String value, String separator) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(separator))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String joinKeywords(Article a) {
    return String.join(", ", a.keywords());
  }

  private static String joinQuestions(Article a) {
    return String.join("\n", a.questions());
  }
}

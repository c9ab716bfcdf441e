package dev.selam.knowledge.gaps;

import dev.selam.core.crypto.FieldCipher;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Questions the bot could not answer with confidence, for the editors' gap report. The text is
 * encrypted like any message and purged with the retention period.
 */
public final class UnansweredQuestions {
  static final String PURPOSE = "unanswered_question.question";

  private final Pool pool;
  private final FieldCipher cipher;
  private final Clock clock;

  public UnansweredQuestions(Pool pool, FieldCipher cipher, Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.clock = clock;
  }

  public record Unanswered(
      String language,
      String question,
      String bestTopic,
      double bestConfidence,
      OffsetDateTime at) {}

  public Future<Void> record(
      String language, String question, String bestTopic, double confidence) {
    return record(pool, null, language, question, bestTopic, confidence);
  }

  /**
   * Records a question through {@code client} (the caller's transaction, so it exists exactly when
   * the message does), linked to its conversation so that the person's erasure removes it.
   */
  public Future<Void> record(
      SqlClient client,
      String conversationId,
      String language,
      String question,
      String bestTopic,
      double confidence) {
    return client
        .preparedQuery(
            "INSERT INTO unanswered_question (id, conversation_id, language, question, best_topic,"
                + " best_confidence, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .execute(
            Tuple.from(
                new Object[] {
                  UUID.randomUUID().toString(),
                  conversationId,
                  language,
                  cipher.encrypt(question, PURPOSE),
                  bestTopic,
                  confidence,
                  OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                }))
        .mapEmpty();
  }

  /** The most recent questions, decrypted: for editors only. */
  public Future<List<Unanswered>> recent(int limit) {
    return pool.preparedQuery(
            "SELECT language, question, best_topic, best_confidence, asked_at"
                + " FROM unanswered_question ORDER BY asked_at DESC LIMIT ?")
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              List<Unanswered> out = new ArrayList<>();
              for (Row row : rows) {
                out.add(
                    new Unanswered(
                        row.getString("language"),
                        cipher.decrypt(row.getString("question"), PURPOSE),
                        row.getString("best_topic"),
                        row.getDouble("best_confidence"),
                        row.getOffsetDateTime("asked_at")));
              }
              return out;
            });
  }

  public Future<Long> count() {
    return pool.query("SELECT COUNT(*) AS n FROM unanswered_question")
        .execute()
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Deletes questions older than the retention period; returns how many. */
  public Future<Integer> purgeOlderThan(Duration retention) {
    OffsetDateTime cutoff =
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(retention);
    return pool.preparedQuery("DELETE FROM unanswered_question WHERE asked_at < ?")
        .execute(Tuple.of(cutoff))
        .map(rows -> rows.rowCount());
  }
}

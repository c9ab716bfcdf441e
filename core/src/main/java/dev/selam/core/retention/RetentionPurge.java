package dev.selam.core.retention;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what people wrote once it is older than the retention period: message bodies, the reasons
 * of escalations (they quote the person's words), unanswered questions, raw inbound updates kept
 * after a failure, the payloads of finished outbox rows. The rows stay, without text, for the
 * statistics (messages per conversation, escalations by level, category and outcome).
 *
 * <p>Every statement is idempotent: replicas running it at the same time do no harm.
 */
public final class RetentionPurge {
  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

  private static final String MESSAGES =
      "UPDATE message SET body = NULL, purged_at = ? WHERE created_at < ? AND body IS NOT NULL";
  // The reasons quote the person's words; level, category and outcome stay for the statistics.
  private static final String ESCALATION_REASONS =
      "UPDATE escalation SET reasons = NULL WHERE opened_at < ? AND reasons IS NOT NULL";
  private static final String QUESTIONS = "DELETE FROM unanswered_question WHERE asked_at < ?";
  // Handled updates lost their payload already; failed ones kept it for operators until now.
  private static final String INBOUND_PAYLOADS =
      "UPDATE inbound_update SET payload = NULL WHERE received_at < ? AND payload IS NOT NULL";
  // Sent rows dropped their payload when sent; failed ones kept it. Pending rows still go out.
  private static final String OUTBOX_PAYLOADS =
      "UPDATE outbox SET payload = '' WHERE created_at < ? AND status <> 'pending'"
          + " AND payload <> ''";

  private final Pool pool;
  private final Clock clock;

  public RetentionPurge(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** How many rows lost their text in one run, by table. */
  public record Purged(int messages, int escalations, int questions, int updates, int outbox) {
    public int total() {
      return messages + escalations + questions + updates + outbox;
    }
  }

  /**
   * Purges now, then every {@code every}; a failed run is logged and retried. Each run asks for the
   * retention period in force then ({@code retention}): an admin may have changed it meanwhile.
   */
  public long schedule(Vertx vertx, Duration every, CurrentRetention retention) {
    return vertx.setPeriodic(1, every.toMillis(), id -> purgeNow(retention));
  }

  /** One run with the retention period in force now. */
  public Future<Purged> purgeNow(CurrentRetention retention) {
    return retention
        .retention()
        .onFailure(
            e ->
                log.atWarn()
                    .addKeyValue("event", "retention.purge_failed")
                    .addKeyValue("error", e.getClass().getSimpleName())
                    .log("could not read the retention period; will try again"))
        .compose(this::purgeOlderThan);
  }

  /** Removes text older than {@code retention} in one transaction. */
  public Future<Purged> purgeOlderThan(Duration retention) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime cutoff = now.minus(retention);
    return pool.withTransaction(tx -> purge(tx, now, cutoff))
        .onSuccess(
            purged ->
                log.atInfo()
                    .addKeyValue("event", "retention.purged")
                    .addKeyValue("messages", purged.messages())
                    .addKeyValue("escalations", purged.escalations())
                    .addKeyValue("questions", purged.questions())
                    .addKeyValue("updates", purged.updates())
                    .addKeyValue("outbox", purged.outbox())
                    .log("text past the retention period purged"))
        .onFailure(
            e ->
                log.atWarn()
                    .addKeyValue("event", "retention.purge_failed")
                    .addKeyValue("error", e.getClass().getSimpleName())
                    .log("could not purge text past the retention period; will try again"));
  }

  private static Future<Purged> purge(SqlConnection tx, OffsetDateTime now, OffsetDateTime cutoff) {
    int[] counts = new int[5];
    return update(tx, MESSAGES, Tuple.of(now, cutoff))
        .onSuccess(n -> counts[0] = n)
        .compose(v -> update(tx, ESCALATION_REASONS, Tuple.of(cutoff)))
        .onSuccess(n -> counts[1] = n)
        .compose(v -> update(tx, QUESTIONS, Tuple.of(cutoff)))
        .onSuccess(n -> counts[2] = n)
        .compose(v -> update(tx, INBOUND_PAYLOADS, Tuple.of(cutoff)))
        .onSuccess(n -> counts[3] = n)
        .compose(v -> update(tx, OUTBOX_PAYLOADS, Tuple.of(cutoff)))
        .onSuccess(n -> counts[4] = n)
        .map(v -> new Purged(counts[0], counts[1], counts[2], counts[3], counts[4]));
  }

  private static Future<Integer> update(SqlConnection tx, String sql, Tuple arguments) {
    return tx.preparedQuery(sql).execute(arguments).map(rows -> rows.rowCount());
  }
}

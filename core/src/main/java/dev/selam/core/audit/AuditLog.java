package dev.selam.core.audit;

import dev.selam.core.storage.SqlTime;
import dev.selam.core.storage.Transactions;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit log. Appends are serialised through the database (the one
 * {@code audit_head} row is locked for update), so several replicas appending at once still build
 * one chain with no gap and no fork. Deleting, changing or reordering a stored event, or cutting
 * off the newest ones, breaks a link that {@link #verify()} finds.
 */
public final class AuditLog {
  public static final int MAX_DETAILS = 2000;
  private static final int VERIFY_PAGE = 1000;
  private static final String COLUMNS = "seq, at, actor, action, target, details, prev_hash, hash";
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private final Pool pool;
  private final Clock clock;

  public AuditLog(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Appends in a transaction of its own; the future holds the event's sequence number. */
  public Future<Long> append(AuditEntry entry) {
    return Transactions.withRetry(pool, conn -> append(conn, entry));
  }

  /**
   * Appends within the caller's transaction, so the change and its audit record commit together.
   * The head row stays locked until that transaction ends: keep it short.
   */
  public Future<Long> append(SqlConnection conn, AuditEntry entry) {
    String details = entry.details().isEmpty() ? null : entry.details().encode();
    if (details != null && details.length() > MAX_DETAILS) {
      return Future.failedFuture(
          new IllegalArgumentException("audit details over " + MAX_DETAILS + " characters"));
    }
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return conn.preparedQuery("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
        .execute()
        .compose(
            rows -> {
              Row head = rows.iterator().next();
              long seq = head.getLong("seq") + 1;
              String prevHash = head.getString("hash");
              String hash =
                  AuditChain.link(
                      prevHash,
                      AuditChain.canonical(
                          seq, at, entry.actor(), entry.action(), entry.target(), details));
              return conn.preparedQuery(
                      "INSERT INTO audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                  .execute(
                      Tuple.of(
                          seq,
                          SqlTime.utc(at),
                          entry.actor(),
                          entry.action(),
                          entry.target(),
                          details,
                          prevHash,
                          hash))
                  .compose(
                      inserted ->
                          conn.preparedQuery("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")
                              .execute(Tuple.of(seq, hash)))
                  .map(seq);
            });
  }

  /** The newest events first, before {@code beforeSeq} when given. */
  public Future<List<AuditEvent>> page(Long beforeSeq, int limit) {
    return page(beforeSeq, limit, AuditFilter.ALL);
  }

  /**
   * Newest first, before {@code beforeSeq} (null: from the newest), only events {@code filter} lets
   * through.
   */
  public Future<List<AuditEvent>> page(Long beforeSeq, int limit, AuditFilter filter) {
    List<Object> arguments = new ArrayList<>();
    String where = filter.where(beforeSeq == null ? Long.MAX_VALUE : beforeSeq, arguments);
    arguments.add(limit);
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM audit_event WHERE " + where + " ORDER BY seq DESC LIMIT ?")
        .execute(Tuple.from(arguments))
        .map(AuditLog::events);
  }

  /** Walks the whole chain from the first event and compares its end with the head. */
  public Future<AuditVerification> verify() {
    return verifyFrom(0, AuditChain.GENESIS, 0)
        .onSuccess(
            result -> {
              if (!result.intact()) {
                log.atError()
                    .addKeyValue("event", "audit.chain_broken")
                    .addKeyValue("seq", result.firstBrokenSeq().getAsLong())
                    .addKeyValue("problem", result.problem())
                    .log("audit log chain is broken");
              }
            });
  }

  private Future<AuditVerification> verifyFrom(long lastSeq, String lastHash, long checked) {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?")
        .execute(Tuple.of(lastSeq, VERIFY_PAGE))
        .compose(
            rows -> {
              List<AuditEvent> events = events(rows);
              long seq = lastSeq;
              String hash = lastHash;
              long count = checked;
              for (AuditEvent event : events) {
                if (event.seq() != seq + 1) {
                  return Future.succeededFuture(
                      AuditVerification.broken(
                          count, seq + 1, "event missing (next stored is " + event.seq() + ")"));
                }
                if (!event.prevHash().equals(hash)) {
                  return Future.succeededFuture(
                      AuditVerification.broken(
                          count, event.seq(), "does not link to the previous event"));
                }
                if (!AuditChain.hashOf(event).equals(event.hash())) {
                  return Future.succeededFuture(
                      AuditVerification.broken(count, event.seq(), "content was changed"));
                }
                seq = event.seq();
                hash = event.hash();
                count++;
              }
              if (events.size() == VERIFY_PAGE) {
                return verifyFrom(seq, hash, count);
              }
              return compareWithHead(seq, hash, count);
            });
  }

  private Future<AuditVerification> compareWithHead(long seq, String hash, long checked) {
    return pool.query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .execute()
        .map(
            rows -> {
              Row head = rows.iterator().next();
              long headSeq = head.getLong("seq");
              if (headSeq > seq) {
                return AuditVerification.broken(
                    checked, seq + 1, "events missing at the end (head is " + headSeq + ")");
              }
              if (headSeq < seq) {
                return AuditVerification.broken(
                    checked, headSeq + 1, "events stored past the head (head is " + headSeq + ")");
              }
              if (!head.getString("hash").equals(hash)) {
                return AuditVerification.broken(checked, seq, "does not match the chain's head");
              }
              return AuditVerification.intact(checked);
            });
  }

  private static List<AuditEvent> events(Iterable<Row> rows) {
    List<AuditEvent> events = new ArrayList<>();
    for (Row row : rows) {
      events.add(
          new AuditEvent(
              row.getLong("seq"),
              SqlTime.instant(row, "at"),
              row.getString("actor"),
              row.getString("action"),
              row.getString("target"),
              row.getString("details"),
              row.getString("prev_hash"),
              row.getString("hash")));
    }
    return events;
  }
}

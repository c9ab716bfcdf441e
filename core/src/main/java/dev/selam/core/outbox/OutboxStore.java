package dev.selam.core.outbox;

import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.storage.RowIds;
import dev.selam.core.storage.WriteBatch;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages waiting to leave the service. A reply is enqueued in the same transaction as the state
 * change that caused it, so it is sent exactly when that change is stored; a dispatcher then claims
 * due rows, one contact at a time in the order they were written, and records how each ended.
 *
 * <p>The payload is channel-specific JSON (see the channel's outbox writer), stored encrypted. Once
 * a row is sent its payload is dropped; a failed row keeps it, with a short reason, for operators.
 */
public final class OutboxStore {
  static final String PAYLOAD = "outbox.payload";
  // The purpose ConversationStore encrypts contact.chat_ref with: the same column, read here.
  static final String CHAT_REF = "contact.chat_ref";
  static final int REASON_LENGTH = 200;
  private static final String INSERT =
      "INSERT INTO outbox (id, contact_id, conversation_id, message_id, channel, kind,"
          + " payload, status, next_attempt_at, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)";

  private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);

  /** A row to write: {@code conversationId} and {@code messageId} may be null. */
  public record NewEntry(
      String contactId,
      String conversationId,
      String messageId,
      String channel,
      String kind,
      String payload) {
    public NewEntry {
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(payload, "payload");
    }
  }

  /**
   * A pending row, decrypted, with the chat it goes to. {@code payload} or {@code chatRef} is null
   * when it cannot be read (its key is gone, the contact was erased): the sender refuses such a
   * row, so it fails alone instead of blocking the outbox.
   */
  public record Entry(
      String id,
      long seq,
      String contactId,
      String conversationId,
      String messageId,
      String channel,
      String kind,
      String payload,
      String chatRef,
      int attempts) {}

  /** A row that will not be sent, and why: what operators see. */
  public record Failure(
      String id,
      String contactId,
      String conversationId,
      String kind,
      String reason,
      int attempts,
      Instant createdAt) {}

  private final Pool pool;
  private final FieldCipher cipher;
  private final Clock clock;

  public OutboxStore(Pool pool, FieldCipher cipher, Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** Writes a row inside the caller's transaction; due at once. Returns the row's id. */
  public Future<String> enqueue(SqlConnection tx, NewEntry entry) {
    return enqueue(tx, entry, clock.instant());
  }

  /** Writes a row inside the caller's transaction, due at {@code dueAt}. Returns the row's id. */
  public Future<String> enqueue(SqlConnection tx, NewEntry entry, Instant dueAt) {
    WriteBatch row = new WriteBatch();
    String id = enqueue(row, entry, dueAt);
    return row.flush(tx).map(id);
  }

  /**
   * Adds a row, due now, to {@code later}: written when the caller's transaction flushes it.
   * Returns the row's id.
   */
  public String enqueue(WriteBatch later, NewEntry entry) {
    return enqueue(later, entry, clock.instant());
  }

  private String enqueue(WriteBatch later, NewEntry entry, Instant dueAt) {
    String id = RowIds.timeOrdered();
    later.add(
        INSERT,
        Tuple.from(
            new Object[] {
              id,
              entry.contactId(),
              entry.conversationId(),
              entry.messageId(),
              entry.channel(),
              entry.kind(),
              cipher.encrypt(entry.payload(), PAYLOAD),
              utc(dueAt),
              now()
            }));
    return id;
  }

  /**
   * Writes many rows inside the caller's transaction in one batch (e.g. the replies of several
   * messages handled together), due at once, in list order. Returns their ids.
   */
  public Future<List<String>> enqueueAll(SqlConnection tx, List<NewEntry> entries) {
    WriteBatch rows = new WriteBatch();
    List<String> ids = entries.stream().map(entry -> enqueue(rows, entry)).toList();
    return rows.flush(tx).map(ids);
  }

  /**
   * The oldest pending row of each contact of a channel, when it is due: a contact's later rows
   * wait for its earlier ones, so a row waiting to be retried holds back the rows behind it. Oldest
   * first.
   */
  public Future<List<Entry>> due(String channel, Instant now, int limit) {
    return pool.preparedQuery(
            // Heads first (one pass over the pending rows, as a derived table), then the due ones
            // among them by primary key. Written as "seq IN (subquery)", H2 ran the subquery again
            // for every outbox row, and a backlog made each look quadratic.
            "SELECT o.id, o.seq, o.contact_id, o.conversation_id, o.message_id, o.channel, o.kind,"
                + " o.payload, o.attempts, c.chat_ref"
                + " FROM (SELECT MIN(p.seq) AS seq FROM outbox p"
                + " WHERE p.status = 'pending' AND p.channel = ? GROUP BY p.contact_id) h"
                + " JOIN outbox o ON o.seq = h.seq JOIN contact c ON c.id = o.contact_id"
                + " WHERE o.next_attempt_at <= ?"
                + " ORDER BY o.seq LIMIT ?")
        .execute(Tuple.of(channel, utc(now), limit))
        .map(
            rows -> {
              List<Entry> entries = new ArrayList<>();
              for (Row row : rows) {
                entries.add(
                    new Entry(
                        row.getString("id"),
                        row.getLong("seq"),
                        row.getString("contact_id"),
                        row.getString("conversation_id"),
                        row.getString("message_id"),
                        row.getString("channel"),
                        row.getString("kind"),
                        decryptOrNull(row.getString("payload"), PAYLOAD),
                        decryptOrNull(row.getString("chat_ref"), CHAT_REF),
                        row.getInteger("attempts")));
              }
              return entries;
            });
  }

  /**
   * Records a row as sent with the channel's id of the message it created (null when the call
   * creates none), copies that id to the stored message it delivers, and drops the payload. A
   * contact that could not be reached before is reachable again.
   */
  public Future<Void> markSent(Entry entry, Long channelMessageId) {
    return pool.withTransaction(tx -> markSent(tx, entry, channelMessageId));
  }

  /**
   * Like {@link #markSent(Entry, Long)}, and writes the row that must follow it in the same
   * transaction (e.g. deleting a message again after a while), so the follow-up exists exactly when
   * the sent message does.
   */
  public Future<Void> markSent(
      Entry entry, Long channelMessageId, NewEntry followUp, Instant followUpDueAt) {
    return pool.withTransaction(
        tx ->
            markSent(tx, entry, channelMessageId)
                .compose(ignored -> enqueue(tx, followUp, followUpDueAt))
                .mapEmpty());
  }

  private Future<Void> markSent(SqlConnection tx, Entry entry, Long channelMessageId) {
    OffsetDateTime now = now();
    return tx.preparedQuery(
            "UPDATE outbox SET status = 'sent', sent_at = ?, channel_message_id = ?,"
                + " attempts = attempts + 1, payload = '', last_error = NULL WHERE id = ?")
        .execute(Tuple.of(now, channelMessageId, entry.id()))
        .compose(
            ignored ->
                entry.messageId() == null || channelMessageId == null
                    ? Future.succeededFuture()
                    : tx.preparedQuery("UPDATE message SET channel_message_id = ? WHERE id = ?")
                        .execute(Tuple.of(channelMessageId, entry.messageId())))
        .compose(
            ignored ->
                tx.preparedQuery(
                        "UPDATE contact SET reachable = TRUE WHERE id = ? AND reachable = FALSE")
                    .execute(Tuple.of(entry.contactId())))
        .mapEmpty();
  }

  /**
   * Puts a row back to be tried at {@code at}. {@code countsAsAttempt} is false when the channel
   * only asked to wait (a rate limit), which says nothing about the message itself.
   */
  public Future<Void> retryLater(Entry entry, Instant at, String reason, boolean countsAsAttempt) {
    return pool.preparedQuery(
            "UPDATE outbox SET next_attempt_at = ?, last_error = ?, attempts = attempts + ?"
                + " WHERE id = ? AND status = 'pending'")
        .execute(Tuple.of(utc(at), shorten(reason), countsAsAttempt ? 1 : 0, entry.id()))
        .mapEmpty();
  }

  /** The channel refused the row for good (e.g. a malformed message): it is never retried. */
  public Future<Void> markFailed(Entry entry, String reason) {
    return pool.preparedQuery(
            "UPDATE outbox SET status = 'failed', last_error = ?, attempts = attempts + 1"
                + " WHERE id = ? AND status = 'pending'")
        .execute(Tuple.of(shorten(reason), entry.id()))
        .onSuccess(
            ignored ->
                log.atWarn()
                    .addKeyValue("event", "outbox.failed")
                    .addKeyValue("outbox", entry.id())
                    .addKeyValue("kind", entry.kind())
                    .addKeyValue("reason", shorten(reason))
                    .log("outbox row failed for good"))
        .mapEmpty();
  }

  /**
   * The person cannot be reached (they blocked the bot): the contact is marked unreachable, and
   * this row and every other pending row of the contact fail. Returns how many rows failed.
   */
  public Future<Integer> markUnreachable(Entry entry, String reason) {
    return pool.withTransaction(
            tx ->
                tx.preparedQuery("UPDATE contact SET reachable = FALSE WHERE id = ?")
                    .execute(Tuple.of(entry.contactId()))
                    .compose(
                        ignored ->
                            tx.preparedQuery(
                                    "UPDATE outbox SET status = 'failed', last_error = ?,"
                                        + " attempts = attempts + CASE WHEN id = ? THEN 1 ELSE 0 END"
                                        + " WHERE contact_id = ? AND status = 'pending'")
                                .execute(Tuple.of(shorten(reason), entry.id(), entry.contactId())))
                    .map(rows -> rows.rowCount()))
        .onSuccess(
            failed ->
                log.atWarn()
                    .addKeyValue("event", "outbox.contact_unreachable")
                    .addKeyValue("contact", entry.contactId())
                    .addKeyValue("failed_rows", failed)
                    .log("contact unreachable; its pending messages failed"));
  }

  /** The most recent rows that failed for good, newest first. */
  public Future<List<Failure>> failures(int limit) {
    return pool.preparedQuery(
            "SELECT id, contact_id, conversation_id, kind, last_error, attempts, created_at"
                + " FROM outbox WHERE status = 'failed' ORDER BY seq DESC LIMIT ?")
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              List<Failure> failures = new ArrayList<>();
              for (Row row : rows) {
                failures.add(
                    new Failure(
                        row.getString("id"),
                        row.getString("contact_id"),
                        row.getString("conversation_id"),
                        row.getString("kind"),
                        row.getString("last_error"),
                        row.getInteger("attempts"),
                        instant(row.getValue("created_at"))));
              }
              return failures;
            });
  }

  /** How many rows of a channel wait to be sent. */
  public Future<Long> pendingCount(String channel) {
    return pool.preparedQuery(
            "SELECT COUNT(*) AS n FROM outbox WHERE channel = ? AND status = 'pending'")
        .execute(Tuple.of(channel))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  private String decryptOrNull(String stored, String purpose) {
    try {
      return cipher.decrypt(stored, purpose);
    } catch (FieldCipher.UndecryptableException e) {
      return null;
    }
  }

  static String shorten(String reason) {
    if (reason == null) {
      return null;
    }
    return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH);
  }

  private OffsetDateTime now() {
    return utc(clock.instant());
  }

  /**
   * Microseconds, as both databases store them: a row written "now" must be due at the same "now",
   * and a database that rounds nanoseconds up would otherwise put it a fraction into the future.
   */
  private static OffsetDateTime utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Object value) {
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof LocalDateTime ldt) {
      return ldt.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof Temporal temporal) {
      return Instant.from(temporal);
    }
    return null;
  }
}

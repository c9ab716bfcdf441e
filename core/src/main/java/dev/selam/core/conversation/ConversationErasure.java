package dev.selam.core.conversation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's "erase my data": everything they wrote or were told goes, and nothing left links the
 * remaining statistics to them. What stays is anonymous: conversation rows with their risk level,
 * escalations with level, category and outcome (no reasons), feedback on articles.
 *
 * <p>The contact row stays only as long as the outbox still has messages for it (the deletions in
 * the chat and the confirmation); {@link #forgetFinished()} then drops the last way to reach them.
 */
public final class ConversationErasure {
  /** Telegram lets a bot delete messages in a private chat for 48 hours. */
  public static final Duration DELETABLE_FOR = Duration.ofHours(48);

  /** Contacts erased this long ago lose their chat reference even if a delivery is still stuck. */
  static final Duration FORGET_AT_THE_LATEST = Duration.ofDays(1);

  private static final Logger log = LoggerFactory.getLogger(ConversationErasure.class);
  private static final String CONVERSATIONS = "SELECT id FROM conversation WHERE contact_id = ?";

  private final Pool pool;
  private final Clock clock;

  public ConversationErasure(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * What was erased: the channel's ids of the messages still deletable in the chat (both
   * directions, newest last) and the conversations closed, for the consoles to drop.
   */
  public record Erased(List<Long> deletableChannelMessageIds, List<String> conversationIds) {}

  /**
   * Erases a contact's data within the caller's transaction. Pending deliveries to the contact are
   * cancelled: the caller enqueues the deletions and the confirmation after this.
   */
  public Future<Erased> erase(SqlConnection tx, String contactId) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime deletableSince = now.minus(DELETABLE_FOR);
    Set<Long> deletable = new LinkedHashSet<>();
    List<String> conversations = new ArrayList<>();
    return tx.preparedQuery(CONVERSATIONS)
        .execute(Tuple.of(contactId))
        .compose(
            rows -> {
              rows.forEach(row -> conversations.add(row.getString("id")));
              return tx.preparedQuery(
                      "SELECT m.channel_message_id AS id, m.created_at AS at FROM message m"
                          + " WHERE m.conversation_id IN ("
                          + CONVERSATIONS
                          + ") AND m.channel_message_id IS NOT NULL AND m.created_at > ?"
                          + " UNION SELECT o.channel_message_id AS id, o.sent_at AS at FROM outbox o"
                          + " WHERE o.contact_id = ? AND o.kind = 'send_message'"
                          + " AND o.channel_message_id IS NOT NULL AND o.sent_at > ?"
                          + " ORDER BY at")
                  .execute(Tuple.of(contactId, deletableSince, contactId, deletableSince));
            })
        .compose(
            rows -> {
              for (Row row : rows) {
                deletable.add(row.getLong("id"));
              }
              return update(
                  tx,
                  "UPDATE message SET body = NULL, channel_message_id = NULL, purged_at = ?"
                      + " WHERE conversation_id IN ("
                      + CONVERSATIONS
                      + ")",
                  Tuple.of(now, contactId));
            })
        .compose(
            v ->
                // Operators' notes are about the person: they go with the messages.
                update(
                    tx,
                    "DELETE FROM conversation_note WHERE conversation_id IN ("
                        + CONVERSATIONS
                        + ")",
                    Tuple.of(contactId)))
        .compose(
            v ->
                // The reasons quote the person's words; level, category and outcome are statistics.
                update(
                    tx,
                    "UPDATE escalation SET status = 'closed', open_for = NULL, closed_at = ?,"
                        + " outcome = 'erased-by-person' WHERE open_for IS NOT NULL"
                        + " AND conversation_id IN ("
                        + CONVERSATIONS
                        + ")",
                    Tuple.of(now, contactId)))
        .compose(
            v ->
                update(
                    tx,
                    "UPDATE escalation SET reasons = NULL WHERE conversation_id IN ("
                        + CONVERSATIONS
                        + ")",
                    Tuple.of(contactId)))
        .compose(
            v ->
                update(
                    tx,
                    "DELETE FROM unanswered_question WHERE conversation_id IN ("
                        + CONVERSATIONS
                        + ")",
                    Tuple.of(contactId)))
        .compose(
            v ->
                update(
                    tx,
                    "DELETE FROM outbox WHERE contact_id = ? AND status = 'pending'",
                    Tuple.of(contactId)))
        .compose(
            v ->
                update(
                    tx, "UPDATE outbox SET payload = '' WHERE contact_id = ?", Tuple.of(contactId)))
        .compose(
            v ->
                update(
                    tx,
                    "UPDATE conversation SET state = 'closed', closed_at = COALESCE(closed_at, ?),"
                        + " language = NULL WHERE contact_id = ?",
                    Tuple.of(now, contactId)))
        .compose(
            v ->
                // A new pseudonym nobody can derive: the person writing again starts afresh.
                update(
                    tx,
                    "UPDATE contact SET pseudonym = ?, language = NULL, language_chosen = FALSE,"
                        + " erased_at = ? WHERE id = ?",
                    Tuple.of("erased:" + contactId, now, contactId)))
        .map(v -> new Erased(List.copyOf(deletable), List.copyOf(conversations)))
        .onSuccess(
            erased ->
                log.atInfo()
                    .addKeyValue("event", "conversation.erased")
                    .addKeyValue("contact", contactId)
                    .addKeyValue("conversations", erased.conversationIds().size())
                    .addKeyValue("deletable", erased.deletableChannelMessageIds().size())
                    .log("a person erased their data"));
  }

  /**
   * Drops the chat reference of erased contacts once nothing is left to deliver to them (or a day
   * after, whatever is stuck). Returns how many were forgotten. Run now and then.
   */
  public Future<Integer> forgetFinished() {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    return pool.preparedQuery(
            "UPDATE contact SET chat_ref = NULL WHERE erased_at IS NOT NULL AND chat_ref IS NOT NULL"
                + " AND (erased_at < ? OR NOT EXISTS (SELECT 1 FROM outbox o"
                + " WHERE o.contact_id = contact.id AND o.status = 'pending'))")
        .execute(Tuple.of(now.minus(FORGET_AT_THE_LATEST)))
        .map(rows -> rows.rowCount());
  }

  private static Future<Void> update(SqlConnection tx, String sql, Tuple arguments) {
    return tx.preparedQuery(sql).execute(arguments).mapEmpty();
  }
}

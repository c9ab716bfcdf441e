package dev.selam.core.conversation;

import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.risk.RiskLevel;
import dev.selam.core.storage.RowIds;
import dev.selam.core.storage.WriteBatch;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contacts, their conversations and messages. External ids are stored only as a pseudonym plus an
 * encrypted copy (to reach the person); message text only encrypted.
 */
public final class ConversationStore {
  static final String BODY = "message.body";
  static final String CHAT_REF = "contact.chat_ref";
  private static final Logger log = LoggerFactory.getLogger(ConversationStore.class);

  private final Pool pool;
  private final FieldCipher cipher;
  private final Pseudonymizer pseudonymizer;
  private final Clock clock;
  private final ContactStateReads stateReads;

  public ConversationStore(
      Pool pool, FieldCipher cipher, Pseudonymizer pseudonymizer, Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.pseudonymizer = pseudonymizer;
    this.clock = clock;
    this.stateReads = new ContactStateReads(pool);
  }

  /** A message stored: its id and the conversation it belongs to. */
  public record StoredMessage(String messageId, String conversationId, String contactId) {}

  /** Stores a person's text message, creating the contact and an open conversation if needed. */
  public Future<StoredMessage> recordInbound(String channel, String externalId, String text) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    String pseudonym = pseudonymizer.pseudonym(channel, externalId);
    return pool.withTransaction(
            conn ->
                contactId(conn, channel, pseudonym, externalId, now)
                    .compose(
                        contactId ->
                            openConversation(conn, contactId, now)
                                .compose(
                                    conversationId ->
                                        insertMessage(conn, conversationId, text, now)
                                            .map(
                                                messageId ->
                                                    new StoredMessage(
                                                        messageId, conversationId, contactId)))))
        .onSuccess(
            stored ->
                // Ids and sizes only: a log line must never carry what the person wrote.
                log.atInfo()
                    .addKeyValue("event", "conversation.message_stored")
                    .addKeyValue("conversation", stored.conversationId())
                    .addKeyValue("message", stored.messageId())
                    .addKeyValue("channel", channel)
                    .addKeyValue("chars", text.length())
                    .log("message stored"));
  }

  /**
   * Where a person stands: their contact, open conversation (null when none is open) with its state
   * ({@code bot}, {@code queued}, {@code with_operator}) and risk so far, and their language.
   */
  public record ContactState(
      String contactId,
      String conversationId,
      String language,
      boolean languageChosen,
      String conversationState,
      RiskLevel riskLevel,
      double riskScore) {

    /** An operator holds the conversation: the bot stays quiet and relays. */
    public boolean withOperator() {
      return "with_operator".equals(conversationState);
    }

    /** The conversation is waiting for or held by an operator: staff may be watching it. */
    public boolean watched() {
      return "queued".equals(conversationState) || withOperator();
    }
  }

  /**
   * The person's current state, read outside any transaction (nothing is created); reads asked for
   * at the same time share one query.
   */
  public Future<java.util.Optional<ContactState>> state(String channel, String externalId) {
    return stateReads.read(
        new ContactStateReads.Key(channel, pseudonymizer.pseudonym(channel, externalId)));
  }

  /**
   * Within the caller's transaction: finds or creates the contact and its open conversation, and
   * records the language the conversation is answered in (and whether the person chose it).
   */
  public Future<ContactState> open(
      SqlConnection tx, String channel, String externalId, String language, boolean chosen) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    String pseudonym = pseudonymizer.pseudonym(channel, externalId);
    return contactId(tx, channel, pseudonym, externalId, now)
        .compose(
            contactId ->
                openConversation(tx, contactId, now)
                    .compose(
                        conversationId ->
                            tx.preparedQuery(
                                    "UPDATE contact SET language = ?, language_chosen ="
                                        + " (language_chosen OR ?) WHERE id = ?")
                                .execute(Tuple.of(language, chosen, contactId))
                                .compose(
                                    done ->
                                        tx.preparedQuery(
                                                "UPDATE conversation SET language = ? WHERE id = ?")
                                            .execute(Tuple.of(language, conversationId)))
                                .compose(
                                    done ->
                                        tx.preparedQuery(
                                                "SELECT state, risk_level, risk_score"
                                                    + " FROM conversation WHERE id = ?")
                                            .execute(Tuple.of(conversationId)))
                                .map(
                                    rows -> {
                                      Row row = rows.iterator().next();
                                      return new ContactState(
                                          contactId,
                                          conversationId,
                                          language,
                                          chosen,
                                          row.getString("state"),
                                          RiskLevel.parse(row.getString("risk_level")),
                                          row.getDouble("risk_score"));
                                    })));
  }

  /**
   * Within the caller's transaction: continues the conversation {@code known} was read with, if it
   * is still open, recording the language it is answered in (and whether the person chose it; that
   * write is added to {@code later}). The conversation's update is added to {@code checks}: the
   * answer is known once the caller flushes it, so the conversations of messages handled together
   * are resumed in one statement. Empty when it was closed meanwhile: then {@link #open} starts a
   * new one. One or two statements instead of {@code open}'s six, for what almost every message is:
   * the next one of an open conversation. {@code known} must have been read after the chat's
   * previous message was handled (a channel hands over one message per chat at a time), so the
   * contact's language is current.
   */
  public Future<java.util.Optional<ContactState>> resume(
      WriteBatch checks, WriteBatch later, ContactState known, String language, boolean chosen) {
    if (known.conversationId() == null) {
      return Future.succeededFuture(java.util.Optional.empty());
    }
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    boolean languageChanges =
        !language.equals(known.language()) || (chosen && !known.languageChosen());
    return checks
        .addCounted(
            "UPDATE conversation SET last_message_at = ?, language = ?"
                + " WHERE id = ? AND state <> 'closed'",
            Tuple.of(now, language, known.conversationId()))
        .compose(
            updated -> {
              if (updated != 1) {
                return Future.succeededFuture(java.util.Optional.empty());
              }
              if (languageChanges) {
                later.add(
                    "UPDATE contact SET language = ?, language_chosen ="
                        + " (language_chosen OR ?) WHERE id = ?",
                    Tuple.of(language, chosen, known.contactId()));
              }
              return Future.succeededFuture(
                  java.util.Optional.of(
                      new ContactState(
                          known.contactId(),
                          known.conversationId(),
                          language,
                          known.languageChosen() || chosen,
                          known.conversationState(),
                          known.riskLevel(),
                          known.riskScore())));
            });
  }

  /**
   * Within the caller's transaction: the conversation's risk so far (it only goes up; the caller
   * computes it from the stored value and the new message).
   */
  public void recordRisk(WriteBatch later, String conversationId, RiskLevel level, double score) {
    later.add(
        "UPDATE conversation SET risk_level = ?, risk_score = ? WHERE id = ?",
        Tuple.of(level.id(), score, conversationId));
  }

  /** Stores one message of a conversation, encrypted; returns its id. */
  public Future<String> storeMessage(
      SqlConnection tx,
      String conversationId,
      String direction,
      String author,
      String kind,
      String text,
      Long channelMessageId) {
    WriteBatch row = new WriteBatch();
    String id = storeMessage(row, conversationId, direction, author, kind, text, channelMessageId);
    return row.flush(tx).map(id);
  }

  /**
   * As above, the row added to {@code later}, written when the caller's transaction flushes it.
   * Returns the message's id.
   */
  public String storeMessage(
      WriteBatch later,
      String conversationId,
      String direction,
      String author,
      String kind,
      String text,
      Long channelMessageId) {
    String id = RowIds.timeOrdered();
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    later.add(
        "INSERT INTO message (id, conversation_id, direction, author, kind, body,"
            + " channel_message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        Tuple.of(
            id,
            conversationId,
            direction,
            author,
            kind,
            cipher.encrypt(text, BODY),
            channelMessageId,
            now));
    return id;
  }

  /** Who a conversation is with: their contact, channel and the conversation's language. */
  public record Participant(String contactId, String channel, String language) {}

  /** The person of a conversation, unless it was erased or does not exist. */
  public Future<java.util.Optional<Participant>> participant(String conversationId) {
    return pool.preparedQuery(
            "SELECT c.id, c.channel, v.language FROM conversation v JOIN contact c"
                + " ON c.id = v.contact_id WHERE v.id = ? AND c.erased_at IS NULL")
        .execute(Tuple.of(conversationId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? java.util.Optional.of(
                        new Participant(
                            rows.iterator().next().getString("id"),
                            rows.iterator().next().getString("channel"),
                            rows.iterator().next().getString("language")))
                    : java.util.Optional.empty());
  }

  /** The decrypted texts of a conversation in order: for those entitled to read them. */
  public Future<List<String>> texts(String conversationId) {
    return pool.preparedQuery(
            "SELECT body FROM message WHERE conversation_id = ? AND body IS NOT NULL ORDER BY seq")
        .execute(Tuple.of(conversationId))
        .map(
            rows -> {
              List<String> texts = new ArrayList<>();
              for (Row row : rows) {
                texts.add(cipher.decrypt(row.getString("body"), BODY));
              }
              return texts;
            });
  }

  /**
   * One message of a conversation as staff see it: {@code text} decrypted (null once purged or
   * erased); {@code delivery} the outbox's state for an outgoing message (pending, sent, failed),
   * null for incoming ones.
   */
  public record HistoryMessage(
      String id,
      long seq,
      String direction,
      String author,
      String operatorId,
      String kind,
      String text,
      java.time.Instant createdAt,
      String delivery) {}

  /**
   * The messages of a conversation in order, decrypted, with the delivery state of each outgoing
   * one: for staff entitled to read them (the caller checks and audits).
   */
  public Future<List<HistoryMessage>> history(String conversationId) {
    return pool.preparedQuery(
            "SELECT m.id, m.seq, m.direction, m.author, m.operator_id, m.kind, m.body,"
                + " m.created_at, (SELECT MIN(o.status) FROM outbox o WHERE o.message_id = m.id"
                + " AND o.kind = 'send_message') AS delivery"
                + " FROM message m WHERE m.conversation_id = ? ORDER BY m.seq")
        .execute(Tuple.of(conversationId))
        .map(
            rows -> {
              List<HistoryMessage> history = new ArrayList<>();
              for (Row row : rows) {
                String body = row.getString("body");
                history.add(
                    new HistoryMessage(
                        row.getString("id"),
                        row.getLong("seq"),
                        row.getString("direction"),
                        row.getString("author"),
                        row.getString("operator_id"),
                        row.getString("kind"),
                        body == null ? null : cipher.decrypt(body, BODY),
                        dev.selam.core.storage.SqlTime.instant(row, "created_at"),
                        row.getString("delivery")));
              }
              return history;
            });
  }

  /** Stores an operator's reply (its text as sent, encrypted) within the caller's transaction. */
  public Future<String> storeOperatorMessage(
      SqlConnection tx, String conversationId, String operatorId, String text) {
    String id = RowIds.timeOrdered();
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    return tx.preparedQuery(
            "INSERT INTO message (id, conversation_id, direction, author, operator_id, kind, body,"
                + " created_at) VALUES (?, ?, 'out', 'operator', ?, 'text', ?, ?)")
        .execute(Tuple.of(id, conversationId, operatorId, cipher.encrypt(text, BODY), now))
        .compose(
            done ->
                tx.preparedQuery("UPDATE conversation SET last_message_at = ? WHERE id = ?")
                    .execute(Tuple.of(now, conversationId)))
        .map(id);
  }

  private Future<String> contactId(
      SqlConnection conn, String channel, String pseudonym, String externalId, OffsetDateTime now) {
    return conn.preparedQuery("SELECT id FROM contact WHERE channel = ? AND pseudonym = ?")
        .execute(Tuple.of(channel, pseudonym))
        .compose(
            rows -> {
              if (rows.iterator().hasNext()) {
                return Future.succeededFuture(rows.iterator().next().getString("id"));
              }
              String id = UUID.randomUUID().toString();
              return conn.preparedQuery(
                      "INSERT INTO contact (id, channel, pseudonym, chat_ref, created_at)"
                          + " VALUES (?, ?, ?, ?, ?)")
                  .execute(
                      Tuple.of(id, channel, pseudonym, cipher.encrypt(externalId, CHAT_REF), now))
                  .map(id);
            });
  }

  private Future<String> openConversation(
      SqlConnection conn, String contactId, OffsetDateTime now) {
    return conn.preparedQuery(
            "SELECT id FROM conversation WHERE contact_id = ? AND state <> 'closed'"
                + " ORDER BY opened_at DESC")
        .execute(Tuple.of(contactId))
        .compose(
            rows -> {
              if (rows.iterator().hasNext()) {
                String id = rows.iterator().next().getString("id");
                return conn.preparedQuery(
                        "UPDATE conversation SET last_message_at = ? WHERE id = ?")
                    .execute(Tuple.of(now, id))
                    .map(id);
              }
              String id = UUID.randomUUID().toString();
              return conn.preparedQuery(
                      "INSERT INTO conversation (id, contact_id, state, opened_at, last_message_at)"
                          + " VALUES (?, ?, 'bot', ?, ?)")
                  .execute(Tuple.of(id, contactId, now, now))
                  .map(id);
            });
  }

  private Future<String> insertMessage(
      SqlConnection conn, String conversationId, String text, OffsetDateTime now) {
    String id = RowIds.timeOrdered();
    return conn.preparedQuery(
            "INSERT INTO message (id, conversation_id, direction, author, kind, body, created_at)"
                + " VALUES (?, ?, 'in', 'person', 'text', ?, ?)")
        .execute(Tuple.of(id, conversationId, cipher.encrypt(text, BODY), now))
        .map(id);
  }
}

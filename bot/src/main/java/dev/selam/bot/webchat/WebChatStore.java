package dev.selam.bot.webchat;

import dev.selam.core.crypto.FieldCipher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The web chat's tables: chats (by chat key) and their entries, what the page shows. Entries are
 * keyed per chat by a client key, so the page's retry of a message and the dispatcher's retry of a
 * delivery each find the entry written the first time instead of writing another.
 */
final class WebChatStore {
  static final String BODY = "webchat_entry.body";

  /** The page shows at most this many entries of a chat. */
  static final int SHOWN = 200;

  private final Pool pool;
  private final FieldCipher cipher;
  private final Clock clock;

  WebChatStore(Pool pool, FieldCipher cipher, Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** One entry: {@code body} is the decrypted JSON, or null when none is kept. */
  record Entry(long seq, String direction, String kind, JsonObject body, boolean handled) {}

  Future<Void> createChat(String chatKey) {
    OffsetDateTime now = now();
    return pool.preparedQuery(
            "INSERT INTO webchat_chat (chat_key, created_at, seen_at) VALUES (?, ?, ?)")
        .execute(Tuple.of(chatKey, now, now))
        .mapEmpty();
  }

  /** True when the chat exists; notes that it was seen. */
  Future<Boolean> touchChat(String chatKey) {
    return pool.preparedQuery("UPDATE webchat_chat SET seen_at = ? WHERE chat_key = ?")
        .execute(Tuple.of(now(), chatKey))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Stores an entry unless one with this client key exists; returns the stored entry either way
   * (the earlier one on a repeat, with its own body and handled state).
   */
  Future<Entry> store(
      String chatKey, String direction, String kind, String clientKey, JsonObject body) {
    return pool.preparedQuery(
            "INSERT INTO webchat_entry (chat_key, direction, kind, client_key, body, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .execute(
            Tuple.of(
                chatKey,
                direction,
                kind,
                clientKey,
                body == null ? null : cipher.encrypt(body.encode(), BODY),
                now()))
        .compose(
            v ->
                pool.preparedQuery(
                        "SELECT seq, direction, kind, body, handled_at FROM webchat_entry"
                            + " WHERE chat_key = ? AND client_key = ?")
                    .execute(Tuple.of(chatKey, clientKey)))
        .map(rows -> entry(rows.iterator().next()));
  }

  /**
   * Marks an entry handled, unless it was before; a press or a command keeps no body after that.
   * True when this marked it.
   */
  Future<Boolean> handled(SqlClient client, long seq, boolean dropBody) {
    return client
        .preparedQuery(
            dropBody
                ? "UPDATE webchat_entry SET handled_at = ?, body = NULL"
                    + " WHERE seq = ? AND handled_at IS NULL"
                : "UPDATE webchat_entry SET handled_at = ? WHERE seq = ? AND handled_at IS NULL")
        .execute(Tuple.of(now(), seq))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The same, in its own transaction. */
  Future<Boolean> handled(long seq, boolean dropBody) {
    return handled(pool, seq, dropBody);
  }

  /** One entry of a chat, if it is there. */
  Future<Optional<Entry>> find(String chatKey, long seq) {
    return pool.preparedQuery(
            "SELECT seq, direction, kind, body, handled_at FROM webchat_entry"
                + " WHERE chat_key = ? AND seq = ?")
        .execute(Tuple.of(chatKey, seq))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(entry(rows.iterator().next()))
                    : Optional.empty());
  }

  /** What the page shows: text and messages after {@code after}, oldest first. */
  Future<List<Entry>> shownAfter(String chatKey, long after) {
    return pool.preparedQuery(
            "SELECT seq, direction, kind, body, handled_at FROM webchat_entry"
                + " WHERE chat_key = ? AND seq > ? AND kind IN ('text', 'message')"
                + " AND body IS NOT NULL ORDER BY seq DESC LIMIT "
                + SHOWN)
        .execute(Tuple.of(chatKey, after))
        .map(
            rows -> {
              List<Entry> entries = new ArrayList<>();
              rows.forEach(row -> entries.add(0, entry(row)));
              return entries;
            });
  }

  /** The ids of every entry the page may still show: the rest were deleted. */
  Future<List<Long>> present(String chatKey) {
    return pool.preparedQuery(
            "SELECT seq FROM webchat_entry WHERE chat_key = ? AND kind IN ('text', 'message')"
                + " AND body IS NOT NULL ORDER BY seq DESC LIMIT "
                + SHOWN)
        .execute(Tuple.of(chatKey))
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(row -> ids.add(0, row.getLong("seq")));
              return ids;
            });
  }

  Future<Void> delete(String chatKey, List<Long> seqs) {
    String ids = seqs.stream().map(String::valueOf).collect(Collectors.joining(","));
    return pool.preparedQuery(
            "DELETE FROM webchat_entry WHERE chat_key = ? AND seq IN (" + ids + ")")
        .execute(Tuple.of(chatKey))
        .mapEmpty();
  }

  /**
   * Drops entries older than {@code kept} and chats unseen for {@code chatsKept}: the page shows no
   * more than a channel could still delete.
   */
  Future<Void> purge(Duration kept, Duration chatsKept) {
    OffsetDateTime now = now();
    return pool.preparedQuery("DELETE FROM webchat_entry WHERE created_at < ?")
        .execute(Tuple.of(now.minus(kept)))
        .compose(
            v ->
                pool.preparedQuery(
                        "DELETE FROM webchat_chat WHERE seen_at < ? AND NOT EXISTS (SELECT 1 FROM"
                            + " webchat_entry e WHERE e.chat_key = webchat_chat.chat_key)")
                    .execute(Tuple.of(now.minus(chatsKept))))
        .mapEmpty();
  }

  private Entry entry(Row row) {
    String body = row.getString("body");
    JsonObject json = null;
    if (body != null) {
      try {
        json = new JsonObject(cipher.decrypt(body, BODY));
      } catch (RuntimeException e) {
        json = null; // its key is gone: shown as nothing rather than failing the whole chat
      }
    }
    return new Entry(
        row.getLong("seq"),
        row.getString("direction"),
        row.getString("kind"),
        json,
        row.getValue("handled_at") != null);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}

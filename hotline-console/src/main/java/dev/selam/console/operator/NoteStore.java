package dev.selam.console.operator;

import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.storage.SqlTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Operators' internal notes on a conversation; their text is encrypted like messages. */
public final class NoteStore {
  static final String BODY = "note.body";

  private final Pool pool;
  private final FieldCipher cipher;
  private final Clock clock;

  public NoteStore(Pool pool, FieldCipher cipher, Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.clock = clock;
  }

  public record Note(String id, String authorId, String text, Instant createdAt) {}

  /** Adds a note; empty when there is no such conversation (a supervisor may name any id). */
  public Future<Optional<Note>> add(String conversationId, String authorId, String text) {
    Note note = new Note(UUID.randomUUID().toString(), authorId, text, clock.instant());
    return pool.withTransaction(
        tx ->
            tx.preparedQuery("SELECT 1 FROM conversation WHERE id = ?")
                .execute(Tuple.of(conversationId))
                .compose(
                    found ->
                        found.size() == 0
                            ? Future.succeededFuture(Optional.<Note>empty())
                            : tx.preparedQuery(
                                    "INSERT INTO conversation_note (id, conversation_id,"
                                        + " author_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
                                .execute(
                                    Tuple.of(
                                        note.id(),
                                        conversationId,
                                        authorId,
                                        cipher.encrypt(text, BODY),
                                        SqlTime.utc(note.createdAt())))
                                .map(rows -> Optional.of(note))));
  }

  public Future<List<Note>> of(String conversationId) {
    return pool.preparedQuery(
            "SELECT id, author_id, body, created_at FROM conversation_note"
                + " WHERE conversation_id = ? ORDER BY seq")
        .execute(Tuple.of(conversationId))
        .map(
            rows -> {
              List<Note> notes = new ArrayList<>();
              for (Row row : rows) {
                notes.add(
                    new Note(
                        row.getString("id"),
                        row.getString("author_id"),
                        cipher.decrypt(row.getString("body"), BODY),
                        SqlTime.instant(row, "created_at")));
              }
              return notes;
            });
  }
}

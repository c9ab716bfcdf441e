package dev.selam.console.canned;

import dev.selam.core.storage.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Replies operators reuse, per language, kept by supervisors. No personal data: stored as is. */
public final class CannedReplies {
  private final Pool pool;
  private final Clock clock;

  public CannedReplies(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public record CannedReply(
      String id, String language, String title, String text, String updatedBy, Instant updatedAt) {
    JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("language", language)
          .put("title", title)
          .put("text", text)
          .put("updatedBy", updatedBy)
          .put("updatedAt", updatedAt.toString());
    }
  }

  /** Those of one language, or all when {@code language} is null; by language, then title. */
  public Future<List<CannedReply>> list(String language) {
    String sql =
        "SELECT id, language, title, body, updated_by, updated_at FROM canned_reply"
            + (language == null ? "" : " WHERE language = ?")
            + " ORDER BY language, title, id";
    return pool.preparedQuery(sql)
        .execute(language == null ? Tuple.tuple() : Tuple.of(language))
        .map(
            rows -> {
              List<CannedReply> all = new ArrayList<>();
              rows.forEach(row -> all.add(read(row)));
              return all;
            });
  }

  public Future<CannedReply> create(String language, String title, String text, String actor) {
    CannedReply reply =
        new CannedReply(
            UUID.randomUUID().toString(), language, title, text, actor, clock.instant());
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(
                        "INSERT INTO canned_reply (id, language, title, body, updated_by,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .execute(
                        Tuple.of(
                            reply.id(),
                            language,
                            title,
                            text,
                            actor,
                            SqlTime.utc(reply.updatedAt()))))
        .map(reply);
  }

  /** The changed reply, or empty when there is no such reply. */
  public Future<Optional<CannedReply>> update(
      String id, String language, String title, String text, String actor) {
    CannedReply reply = new CannedReply(id, language, title, text, actor, clock.instant());
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(
                        "UPDATE canned_reply SET language = ?, title = ?, body = ?,"
                            + " updated_by = ?, updated_at = ? WHERE id = ?")
                    .execute(
                        Tuple.of(language, title, text, actor, SqlTime.utc(reply.updatedAt()), id)))
        .map(rows -> rows.rowCount() == 1 ? Optional.of(reply) : Optional.<CannedReply>empty());
  }

  public Future<Boolean> delete(String id) {
    return pool.withTransaction(
            tx -> tx.preparedQuery("DELETE FROM canned_reply WHERE id = ?").execute(Tuple.of(id)))
        .map(rows -> rows.rowCount() == 1);
  }

  private static CannedReply read(Row row) {
    return new CannedReply(
        row.getString("id"),
        row.getString("language"),
        row.getString("title"),
        row.getString("body"),
        row.getString("updated_by"),
        SqlTime.instant(row, "updated_at"));
  }
}

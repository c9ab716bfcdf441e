package dev.selam.core.inbound;

import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.storage.GroupCommit;
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
import java.util.Locale;

/**
 * Updates a channel received, stored before the channel acknowledges them: a repeated update id is
 * stored once, and an update not yet handled survives a crash. The raw update is kept encrypted
 * only until it is handled.
 */
public final class InboundUpdates {
  static final String PAYLOAD = "inbound_update.payload";

  /** How handling an update ended. */
  public enum Outcome {
    /** Handed to the handler, which succeeded. */
    HANDLED,
    /** A kind of update the bot does not handle. */
    IGNORED,
    /** From a group or channel chat: told once that the bot works in private chat, then ignored. */
    GROUP,
    /** The handler kept failing; the payload stays for an operator to look at. */
    FAILED;

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** An update stored but not handled yet; {@code payload} is null when it cannot be decrypted. */
  public record Pending(long updateId, String payload, int attempts) {}

  // Updates arrive many at a time under load: storing and finishing them in shared commits keeps
  // the database's commit rate from capping the channel's.
  private static final int BATCH = 256;

  private final Pool pool;
  private final FieldCipher cipher;
  private final Clock clock;
  private final GroupCommit<Tuple, Boolean> stores;
  private final GroupCommit<Finish, Boolean> finishes;

  public InboundUpdates(Pool pool, FieldCipher cipher, Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.clock = clock;
    this.stores = new GroupCommit<>(pool, BATCH, this::insertAll);
    this.finishes = new GroupCommit<>(pool, BATCH, this::finishAll);
  }

  /**
   * Stores an update to be handled. True when it is new; false when this update id was stored
   * before (Telegram repeats an update it has no acknowledgement for).
   */
  public Future<Boolean> store(String channel, long updateId, String payload) {
    return stores.submit(Tuple.of(channel, updateId, cipher.encrypt(payload, PAYLOAD), now()));
  }

  /** Stores an update that needs no handling (e.g. a kind the bot ignores) as already finished. */
  public Future<Boolean> storeFinished(String channel, long updateId, Outcome outcome) {
    OffsetDateTime now = now();
    return pool.preparedQuery(
            "INSERT INTO inbound_update (channel, update_id, received_at, handled_at, outcome)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(channel, updateId, now, now, outcome.column()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Marks an update finished; its payload is dropped unless handling failed. */
  public Future<Void> finish(String channel, long updateId, Outcome outcome) {
    return finishes.submit(new Finish(channel, updateId, outcome)).mapEmpty();
  }

  private record Finish(String channel, long updateId, Outcome outcome) {}

  private Future<List<Boolean>> insertAll(SqlConnection tx, List<Tuple> rows) {
    WriteBatch batch = new WriteBatch();
    List<Future<Integer>> counts =
        rows.stream()
            .map(
                row ->
                    batch.addCounted(
                        "INSERT INTO inbound_update (channel, update_id, payload, received_at)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        row))
            .toList();
    // a driver that cannot tell (-2) is taken at its word
    return batch
        .flush(tx)
        .map(
            v ->
                counts.stream()
                    .map(Future::result)
                    .map(n -> n == 1 || n == java.sql.Statement.SUCCESS_NO_INFO)
                    .toList());
  }

  private Future<List<Boolean>> finishAll(SqlConnection tx, List<Finish> finishes) {
    OffsetDateTime now = now();
    WriteBatch batch = new WriteBatch();
    for (Finish finish : finishes) {
      batch.add(
          finish.outcome() == Outcome.FAILED
              ? "UPDATE inbound_update SET handled_at = ?, outcome = ?"
                  + " WHERE channel = ? AND update_id = ?"
              : "UPDATE inbound_update SET handled_at = ?, outcome = ?, payload = NULL"
                  + " WHERE channel = ? AND update_id = ?",
          Tuple.of(now, finish.outcome().column(), finish.channel(), finish.updateId()));
    }
    return batch.flush(tx).map(v -> finishes.stream().map(f -> Boolean.TRUE).toList());
  }

  /** Counts a failed attempt to handle an update, so a restart does not start from zero. */
  public Future<Void> countAttempt(String channel, long updateId) {
    return pool.preparedQuery(
            "UPDATE inbound_update SET attempts = attempts + 1 WHERE channel = ? AND update_id = ?")
        .execute(Tuple.of(channel, updateId))
        .mapEmpty();
  }

  /** The oldest updates not handled yet, in update id order, decrypted. */
  public Future<List<Pending>> unhandled(String channel, int limit) {
    return pool.preparedQuery(
            "SELECT update_id, payload, attempts FROM inbound_update"
                + " WHERE channel = ? AND handled_at IS NULL ORDER BY update_id LIMIT ?")
        .execute(Tuple.of(channel, limit))
        .map(
            rows -> {
              List<Pending> pending = new ArrayList<>();
              for (Row row : rows) {
                pending.add(
                    new Pending(
                        row.getLong("update_id"),
                        decryptOrNull(row.getString("payload")),
                        row.getInteger("attempts")));
              }
              return pending;
            });
  }

  /** One unreadable row (its key removed, say) must not stop every other update from being read. */
  private String decryptOrNull(String stored) {
    try {
      return cipher.decrypt(stored, PAYLOAD);
    } catch (FieldCipher.UndecryptableException e) {
      return null;
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}

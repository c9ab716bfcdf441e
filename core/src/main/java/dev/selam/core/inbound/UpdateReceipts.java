package dev.selam.core.inbound;

import dev.selam.core.storage.WriteBatch;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Marks a stored update handled inside the transaction that writes what handling it led to, so the
 * two are committed together: a crash between a handler's commit and a separate "handled" mark
 * would otherwise have the update handled, and answered, a second time after the restart.
 */
public final class UpdateReceipts {
  /** What marking found. */
  public enum Receipt {
    /** This transaction marks the update handled: handle it. */
    FIRST,
    /** The update was marked handled before: what it led to is stored already. */
    REPEATED,
    /** No stored update has this id (a channel that does not store its updates): handle it. */
    UNTRACKED
  }

  private final Clock clock;

  public UpdateReceipts(Clock clock) {
    this.clock = clock;
  }

  public Future<Receipt> markHandled(SqlConnection tx, String channel, long updateId) {
    WriteBatch mark = new WriteBatch();
    Future<Receipt> receipt = markHandled(tx, mark, channel, updateId);
    return mark.flush(tx).compose(v -> receipt);
  }

  /**
   * As above, the mark added to {@code batch}: the receipt is known once the batch is flushed
   * through {@code tx} (the marks of messages handled together then cost one statement).
   */
  public Future<Receipt> markHandled(
      SqlConnection tx, WriteBatch batch, String channel, long updateId) {
    return batch
        .addCounted(
            "UPDATE inbound_update SET handled_at = ?, outcome = ?, payload = NULL"
                + " WHERE channel = ? AND update_id = ? AND handled_at IS NULL",
            Tuple.of(
                clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
                InboundUpdates.Outcome.HANDLED.column(),
                channel,
                updateId))
        .compose(
            marked -> {
              if (marked == 1) {
                return Future.succeededFuture(Receipt.FIRST);
              }
              if (marked != 0) {
                // a driver that does not count batched rows: the mark cannot be trusted
                return Future.failedFuture(
                    new IllegalStateException("the database did not count the marked update"));
              }
              return tx.preparedQuery(
                      "SELECT COUNT(*) AS n FROM inbound_update WHERE channel = ? AND update_id = ?")
                  .execute(Tuple.of(channel, updateId))
                  .map(
                      rows ->
                          rows.iterator().next().getLong("n") > 0
                              ? Receipt.REPEATED
                              : Receipt.UNTRACKED);
            });
  }
}

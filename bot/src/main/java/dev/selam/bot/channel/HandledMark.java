package dev.selam.bot.channel;

import dev.selam.core.inbound.UpdateReceipts;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * How a channel's stored message is marked handled, run by the handler inside the transaction that
 * stores what the message led to: the mark and the replies are committed together, so a crash can
 * never leave a message answered but unmarked (and answered again after the restart).
 */
@FunctionalInterface
public interface HandledMark {
  /** For a channel that stores nothing to mark (the terminal chat): always the first time. */
  HandledMark UNTRACKED = tx -> Future.succeededFuture(true);

  /**
   * Marks the message handled in {@code tx}. True when this is the first time: handle it. False
   * when it was marked before (handled, then redelivered): what it led to is stored already.
   */
  Future<Boolean> mark(SqlConnection tx);

  /** The mark of an update stored in {@code inbound_update} (Telegram's webhook and polling). */
  static HandledMark storedUpdate(UpdateReceipts receipts, String channel, long updateId) {
    return tx ->
        receipts
            .markHandled(tx, channel, updateId)
            .map(receipt -> receipt != UpdateReceipts.Receipt.REPEATED);
  }
}

package dev.selam.bot.channel;

import dev.selam.core.inbound.UpdateReceipts;
import dev.selam.core.storage.WriteBatch;
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

  /**
   * As {@link #mark(SqlConnection)}, for a handler that marks many messages in one transaction: a
   * mark that can wait is added to {@code batch} and answers once the handler flushes it. By
   * default the mark is made at once.
   */
  default Future<Boolean> mark(SqlConnection tx, WriteBatch batch) {
    return mark(tx);
  }

  /** The mark of an update stored in {@code inbound_update} (Telegram's webhook and polling). */
  static HandledMark storedUpdate(UpdateReceipts receipts, String channel, long updateId) {
    return new HandledMark() {
      @Override
      public Future<Boolean> mark(SqlConnection tx) {
        return receipts.markHandled(tx, channel, updateId).map(HandledMark::handleNow);
      }

      @Override
      public Future<Boolean> mark(SqlConnection tx, WriteBatch batch) {
        return receipts.markHandled(tx, batch, channel, updateId).map(HandledMark::handleNow);
      }
    };
  }

  private static boolean handleNow(UpdateReceipts.Receipt receipt) {
    return receipt != UpdateReceipts.Receipt.REPEATED;
  }
}

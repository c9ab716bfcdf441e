package dev.selam.bot.channel;

import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.storage.WriteBatch;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes replies to the outbox inside the caller's transaction: the dialogue stores a message and
 * its replies together, so a reply exists exactly when what caused it does.
 */
public final class OutboxWriter {
  private final OutboxStore store;

  public OutboxWriter(OutboxStore store) {
    this.store = store;
  }

  /**
   * Who a reply goes to: the contact on a channel, and the conversation it belongs to (or null).
   */
  public record Recipient(String channel, String contactId, String conversationId) {}

  /**
   * Enqueues a message for a recipient. {@code messageId} is the stored message (table {@code
   * message}) this delivers, or null: when sent, the channel's message id is recorded on it.
   * Returns the outbox rows' ids, in sending order.
   */
  public Future<List<String>> enqueue(
      SqlConnection tx, Recipient recipient, OutboundMessage message, String messageId) {
    WriteBatch rows = new WriteBatch();
    List<String> ids = enqueue(rows, recipient, message, messageId);
    return rows.flush(tx).map(ids);
  }

  /**
   * As above, the rows added to {@code later}, written when the caller's transaction flushes it.
   */
  public List<String> enqueue(
      WriteBatch later, Recipient recipient, OutboundMessage message, String messageId) {
    List<String> ids = new ArrayList<>();
    for (OutboundCodec.Row row : OutboundCodec.encode(message)) {
      ids.add(
          store.enqueue(
              later,
              new OutboxStore.NewEntry(
                  recipient.contactId(),
                  recipient.conversationId(),
                  messageId,
                  recipient.channel(),
                  row.kind(),
                  row.payload())));
    }
    return ids;
  }
}

package dev.selam.bot.dispatch;

import dev.selam.core.outbox.OutboxStore;
import io.vertx.core.Future;

/**
 * Sends one outbox row over a channel and says how it went. The dispatcher owns pacing, retries and
 * bookkeeping; a sender only translates and classifies. Its future should not fail: an unexpected
 * failure counts as {@link Delivery.Transient}.
 */
@FunctionalInterface
public interface ChannelSender {
  Future<Delivery> send(OutboxStore.Entry entry);
}

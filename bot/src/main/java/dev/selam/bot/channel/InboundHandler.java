package dev.selam.bot.channel;

import io.vertx.core.Future;

/**
 * What a channel hands a person's message to: the dialogue. A channel calls it one message at a
 * time per chat, in the order the person sent them; different chats run in parallel.
 *
 * <p>The returned future must complete only once everything the message caused is stored, replies
 * included (enqueued in the outbox in the same transaction). A handler that stores anything marks
 * the message handled in that same transaction through {@link InboundMessage#handledMark()}, and
 * writes nothing when the mark says it was handled before; for a handler that never uses the mark
 * (one that stores nothing), the channel marks the message after the future succeeds. A failed
 * future is retried later with the same message, in order; after a crash, a message whose future
 * had not completed is handed over again.
 */
@FunctionalInterface
public interface InboundHandler {
  Future<Void> handle(InboundMessage message);
}

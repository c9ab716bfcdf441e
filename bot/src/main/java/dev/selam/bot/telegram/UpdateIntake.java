package dev.selam.bot.telegram;

import dev.selam.core.inbound.InboundUpdates;
import io.vertx.core.Future;
import java.time.Clock;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where every update enters, by webhook or long polling: stored once per update id, then handed to
 * the processor. The returned future completes only when the update is stored, which is when
 * Telegram may be told it arrived.
 */
final class UpdateIntake implements TelegramPolling.UpdateSink {
  private final InboundUpdates updates;
  private final UpdateProcessor processor;
  private final Clock clock;

  UpdateIntake(InboundUpdates updates, UpdateProcessor processor, Clock clock) {
    this.updates = updates;
    this.processor = processor;
    this.clock = clock;
  }

  @Override
  public Future<Void> take(Update update, String json) {
    UpdateRoute route = UpdateRoute.of(update, clock.instant());
    long updateId = update.getUpdateId();
    if (route instanceof UpdateRoute.Ignored && route.callbackId() == null) {
      // Nothing to do with it, now or after a crash: recorded as finished, without its content.
      return updates
          .storeFinished(UpdateRoute.CHANNEL, updateId, InboundUpdates.Outcome.IGNORED)
          .mapEmpty();
    }
    return updates
        .store(UpdateRoute.CHANNEL, updateId, json)
        .onSuccess(
            isNew -> {
              if (isNew) {
                processor.accept(updateId, route);
              }
            })
        .mapEmpty();
  }
}

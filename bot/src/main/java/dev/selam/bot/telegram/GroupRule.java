package dev.selam.bot.telegram;

import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.core.outbox.Recipients;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * The bot works only in private chat: a group (or channel) is told so once, through the outbox, and
 * ignored afterwards. "Once" is the group's contact row: created with the notice, in one
 * transaction.
 */
final class GroupRule {
  private final Pool pool;
  private final Recipients recipients;
  private final OutboxWriter outbox;
  private final ChannelTexts texts;
  private final LanguageChoice languages;

  GroupRule(
      Pool pool,
      Recipients recipients,
      OutboxWriter outbox,
      ChannelTexts texts,
      LanguageChoice languages) {
    this.pool = pool;
    this.recipients = recipients;
    this.outbox = outbox;
    this.texts = texts;
    this.languages = languages;
  }

  /** True when the group was told now; false when it had been told before. */
  Future<Boolean> apply(UpdateRoute.Group group) {
    String language = languages.pick(group.languageCode());
    String text = texts.text(language, ChannelTexts.GROUP_PRIVATE_ONLY);
    return pool.withTransaction(
        tx ->
            recipients
                .createIfAbsent(tx, UpdateRoute.CHANNEL, group.chatId(), group.chatType(), language)
                .compose(
                    created -> {
                      if (created.isEmpty() || text == null || text.isBlank()) {
                        return Future.succeededFuture(created.isPresent());
                      }
                      return outbox
                          .enqueue(
                              tx,
                              new OutboxWriter.Recipient(UpdateRoute.CHANNEL, created.get(), null),
                              OutboundMessage.Text.plain(text),
                              null)
                          .map(true);
                    }));
  }
}

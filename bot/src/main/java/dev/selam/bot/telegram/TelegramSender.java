package dev.selam.bot.telegram;

import dev.selam.bot.channel.OutboundCodec;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.dispatch.ChannelSender;
import dev.selam.bot.dispatch.Delivery;
import dev.selam.core.outbox.OutboxStore;
import io.vertx.core.Future;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessages;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Turns outbox rows into Bot API calls: sendMessage (HTML, inline buttons, no link previews),
 * deleteMessages, answerCallbackQuery.
 */
final class TelegramSender implements ChannelSender {
  private final BotApi api;

  TelegramSender(BotApi api) {
    this.api = api;
  }

  @Override
  public Future<Delivery> send(OutboxStore.Entry entry) {
    if (entry.payload() == null) {
      return Future.succeededFuture(new Delivery.Rejected("unreadable outbox row"));
    }
    OutboundMessage message;
    try {
      message = OutboundCodec.decode(entry.kind(), entry.payload());
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(
          new Delivery.Rejected("malformed outbox row: " + e.getMessage()));
    }
    if (entry.chatRef() == null && !(message instanceof OutboundMessage.CallbackAnswer)) {
      return Future.succeededFuture(new Delivery.Rejected("the contact has no chat to send to"));
    }
    Future<Long> call =
        switch (message) {
          case OutboundMessage.Text text ->
              api.call(sendMessage(entry.chatRef(), text)).map(sent -> (long) sent.getMessageId());
          case OutboundMessage.DeleteMessages delete ->
              api.call(deleteMessages(entry.chatRef(), delete)).map(ok -> (Long) null);
          case OutboundMessage.CallbackAnswer answer ->
              api.call(answerCallback(answer)).map(ok -> (Long) null);
        };
    return call.<Delivery>map(Delivery.Delivered::new)
        .recover(e -> Future.succeededFuture(BotApi.classify(e)));
  }

  static SendMessage sendMessage(String chatId, OutboundMessage.Text text) {
    SendMessage.SendMessageBuilder<?, ?> builder =
        SendMessage.builder()
            .chatId(chatId)
            .text(text.html())
            .parseMode(ParseMode.HTML)
            // A link preview would show a site's title on the person's screen: never by default.
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
    if (!text.buttons().isEmpty()) {
      builder.replyMarkup(keyboard(text.buttons()));
    }
    return builder.build();
  }

  static DeleteMessages deleteMessages(String chatId, OutboundMessage.DeleteMessages delete) {
    return DeleteMessages.builder()
        .chatId(chatId)
        .messageIds(delete.channelMessageIds().stream().map(Long::intValue).toList())
        .build();
  }

  static AnswerCallbackQuery answerCallback(OutboundMessage.CallbackAnswer answer) {
    return AnswerCallbackQuery.builder()
        .callbackQueryId(answer.callbackId())
        .text(answer.text())
        .build();
  }

  private static InlineKeyboardMarkup keyboard(List<List<OutboundMessage.Button>> rows) {
    List<InlineKeyboardRow> keyboard =
        rows.stream()
            .map(
                row ->
                    new InlineKeyboardRow(
                        row.stream()
                            .map(
                                button ->
                                    InlineKeyboardButton.builder()
                                        .text(button.label())
                                        .callbackData(button.callbackData())
                                        .build())
                            .toList()))
            .toList();
    return new InlineKeyboardMarkup(keyboard);
  }
}

package dev.selam.bot.telegram;

import dev.selam.bot.channel.HandledMark;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** Where an update goes: to the dialogue (a private chat), to the group rule, or nowhere. */
sealed interface UpdateRoute {
  String CHANNEL = "telegram";

  /** Something a person did in their private chat with the bot. */
  record Person(InboundMessage message) implements UpdateRoute {}

  /**
   * Something in a group, supergroup or channel. {@code callbackId} is set for a button press,
   * which is answered like any other.
   */
  record Group(String chatId, String chatType, String languageCode, String callbackId)
      implements UpdateRoute {}

  /** A kind of update the bot does not handle. */
  record Ignored(String kind) implements UpdateRoute {}

  /** A chat's key for ordering: its id; an ignored update has none. */
  default String chatKey() {
    return switch (this) {
      case Person person -> person.message().externalChatId();
      case Group group -> group.chatId();
      case Ignored ignored -> null;
    };
  }

  /** The button press to answer, if this is one. */
  default String callbackId() {
    return switch (this) {
      case Person person -> person.message().callbackId();
      case Group group -> group.callbackId();
      case Ignored ignored -> null;
    };
  }

  /** The update kinds the bot asks Telegram for; anything else arrives only by mistake. */
  List<String> ALLOWED_UPDATES =
      List.of("message", "edited_message", "callback_query", "channel_post", "edited_channel_post");

  Pattern COMMAND = Pattern.compile("^/[A-Za-z0-9_]{1,32}(@\\w+)?(\\s[\\s\\S]*)?$");

  /** {@code now} dates a button press, which carries no time of its own. */
  static UpdateRoute of(Update update, Instant now) {
    long updateId = update.getUpdateId();
    if (update.hasMessage()) {
      return fromMessage(updateId, update.getMessage(), false);
    }
    if (update.hasEditedMessage()) {
      return fromMessage(updateId, update.getEditedMessage(), true);
    }
    if (update.hasCallbackQuery()) {
      return fromCallback(updateId, update.getCallbackQuery(), now);
    }
    if (update.hasChannelPost()) {
      return fromMessage(updateId, update.getChannelPost(), false);
    }
    if (update.hasEditedChannelPost()) {
      return fromMessage(updateId, update.getEditedChannelPost(), true);
    }
    return new Ignored("unsupported");
  }

  private static UpdateRoute fromMessage(long updateId, Message message, boolean edited) {
    Chat chat = message.getChat();
    if (chat == null || chat.getId() == null) {
      return new Ignored("no_chat");
    }
    String language = language(message.getFrom());
    if (!"private".equals(chat.getType())) {
      return groupOrIgnored(chat, language, null);
    }
    MessageKind kind = kind(message);
    Integer seconds =
        edited && message.getEditDate() != null ? message.getEditDate() : message.getDate();
    return new Person(
        new InboundMessage(
            CHANNEL,
            chat.getId().toString(),
            updateId,
            message.getMessageId() == null ? null : message.getMessageId().longValue(),
            kind,
            message.getText() != null ? message.getText() : message.getCaption(),
            null,
            null,
            language,
            edited,
            seconds == null ? Instant.EPOCH : Instant.ofEpochSecond(seconds),
            HandledMark.UNTRACKED));
  }

  private static UpdateRoute fromCallback(long updateId, CallbackQuery query, Instant now) {
    MaybeInaccessibleMessage message = query.getMessage();
    Chat chat = message == null ? null : message.getChat();
    String language = language(query.getFrom());
    if (chat != null && chat.getId() != null && !"private".equals(chat.getType())) {
      return groupOrIgnored(chat, language, query.getId());
    }
    // A press on a message the bot no longer sees (or an inline one) still comes from a person.
    Long chatId = chat != null && chat.getId() != null ? chat.getId() : userId(query.getFrom());
    if (chatId == null) {
      return new Ignored("no_chat");
    }
    Integer messageId = message == null ? null : message.getMessageId();
    return new Person(
        new InboundMessage(
            CHANNEL,
            chatId.toString(),
            updateId,
            messageId == null ? null : messageId.longValue(),
            MessageKind.CALLBACK,
            null,
            query.getData(),
            query.getId(),
            language,
            false,
            now,
            HandledMark.UNTRACKED));
  }

  private static UpdateRoute groupOrIgnored(Chat chat, String language, String callbackId) {
    return switch (chat.getType() == null ? "" : chat.getType()) {
      case "group", "supergroup", "channel" ->
          new Group(chat.getId().toString(), chat.getType(), language, callbackId);
      default -> new Ignored("chat_type");
    };
  }

  private static MessageKind kind(Message message) {
    if (message.getText() != null) {
      return message.isCommand() || COMMAND.matcher(message.getText()).matches()
          ? MessageKind.COMMAND
          : MessageKind.TEXT;
    }
    if (message.hasPhoto()) {
      return MessageKind.PHOTO;
    }
    if (message.hasVoice()) {
      return MessageKind.VOICE;
    }
    if (message.hasSticker()) {
      return MessageKind.STICKER;
    }
    if (message.hasLocation() || message.getVenue() != null) {
      return MessageKind.LOCATION;
    }
    // An animation also carries a document; it is a short video to the person who sent it.
    if (message.hasVideo() || message.hasVideoNote() || message.getAnimation() != null) {
      return MessageKind.VIDEO;
    }
    if (message.hasAudio()) {
      return MessageKind.AUDIO;
    }
    if (message.hasDocument()) {
      return MessageKind.DOCUMENT;
    }
    return MessageKind.OTHER;
  }

  private static String language(User user) {
    return user == null ? null : user.getLanguageCode();
  }

  private static Long userId(User user) {
    return user == null ? null : user.getId();
  }
}

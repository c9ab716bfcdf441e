package dev.selam.bot.channel;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a person did in a private chat, in the channel's neutral terms: what the dialogue sees
 * instead of Telegram's update.
 *
 * @param channel the channel's name, e.g. {@code telegram}
 * @param externalChatId the chat's id on the channel (secret: never log it)
 * @param updateId the channel's id of this update; increases within a chat
 * @param channelMessageId the channel's id of the message (for a callback: of the message whose
 *     button was pressed); null when there is none
 * @param kind what was sent
 * @param text the text, a command with its arguments, or a media caption; null when there is none
 * @param callbackData the pressed button's data, for {@link MessageKind#CALLBACK}
 * @param callbackId the button press's id, for {@link MessageKind#CALLBACK}
 * @param languageCode the language the person's app is set to (e.g. {@code ru}, {@code pt-br}), if
 *     the channel tells it
 * @param edited true when the person edited an earlier message: treat it as a new message
 * @param time when the person sent (or edited) it
 * @param handledMark marks the message handled inside the handler's transaction ({@link
 *     HandledMark#UNTRACKED} where nothing was stored, or until the channel that stored it attaches
 *     its own)
 */
public record InboundMessage(
    String channel,
    String externalChatId,
    long updateId,
    Long channelMessageId,
    MessageKind kind,
    String text,
    String callbackData,
    String callbackId,
    String languageCode,
    boolean edited,
    Instant time,
    HandledMark handledMark) {

  public InboundMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(handledMark, "handledMark");
    Objects.requireNonNull(externalChatId, "externalChatId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
  }

  /** The same message, marked handled by {@code mark}. */
  public InboundMessage withHandledMark(HandledMark mark) {
    return new InboundMessage(
        channel,
        externalChatId,
        updateId,
        channelMessageId,
        kind,
        text,
        callbackData,
        callbackId,
        languageCode,
        edited,
        time,
        mark);
  }

  /**
   * The command's name for {@link MessageKind#COMMAND}: {@code start} for "/start" or
   * "/Start@SomeBot payload".
   */
  public Optional<String> command() {
    if (kind != MessageKind.COMMAND || text == null || !text.startsWith("/")) {
      return Optional.empty();
    }
    String word = text.substring(1).split("[\\s@]", 2)[0];
    return word.isEmpty() ? Optional.empty() : Optional.of(word.toLowerCase(Locale.ROOT));
  }

  /** The command's arguments: "/start abc" gives "abc"; empty when there are none. */
  public String commandArguments() {
    if (command().isEmpty()) {
      return "";
    }
    String[] parts = text.trim().split("\\s+", 2);
    return parts.length < 2 ? "" : parts[1];
  }
}

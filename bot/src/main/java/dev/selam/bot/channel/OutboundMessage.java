package dev.selam.bot.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Something to send to a person, in the channel's neutral terms; written to the outbox. */
public sealed interface OutboundMessage
    permits OutboundMessage.Text, OutboundMessage.DeleteMessages, OutboundMessage.CallbackAnswer {

  /** Telegram's limit on a button's callback data, in UTF-8 bytes. */
  int CALLBACK_DATA_BYTES = 64;

  /**
   * A text message.
   *
   * @param html the text as Telegram-safe HTML: person- or article-provided text escaped with
   *     {@link #escape}, only Telegram's tags (b, i, u, s, a, code, pre, blockquote) around it
   * @param buttons inline buttons, row by row; empty for none
   * @param deleteAfter when set, the message is deleted from the chat this long after it was sent
   *     (a confirmation that should not stay on a phone someone else may look at); null keeps it
   */
  record Text(String html, List<List<Button>> buttons, Duration deleteAfter)
      implements OutboundMessage {
    public Text(String html, List<List<Button>> buttons) {
      this(html, buttons, null);
    }

    public Text {
      if (html == null || html.isBlank()) {
        throw new IllegalArgumentException("a message needs text");
      }
      buttons = buttons == null ? List.of() : buttons.stream().map(List::copyOf).toList();
      for (List<Button> row : buttons) {
        if (row.isEmpty()) {
          throw new IllegalArgumentException("a row of buttons is empty");
        }
      }
    }

    /** Plain text, escaped: nothing in it is taken for markup. */
    public static Text plain(String text) {
      return new Text(escape(text), List.of());
    }

    /** The same message, deleted from the chat again {@code after} it was sent. */
    public Text deletedAfter(Duration after) {
      return new Text(html, buttons, after);
    }
  }

  /** An inline button: its label and the data the channel returns when it is pressed. */
  record Button(String label, String callbackData) {
    public Button {
      if (label == null || label.isBlank()) {
        throw new IllegalArgumentException("a button needs a label");
      }
      int bytes = callbackData == null ? 0 : callbackData.getBytes(StandardCharsets.UTF_8).length;
      if (bytes == 0 || bytes > CALLBACK_DATA_BYTES) {
        throw new IllegalArgumentException(
            "callback data must be 1 to " + CALLBACK_DATA_BYTES + " bytes");
      }
    }
  }

  /**
   * Deletes messages in the chat by their channel ids (both directions; Telegram allows it for 48
   * hours). Any number: the outbox writer splits them into the channel's batches.
   */
  record DeleteMessages(List<Long> channelMessageIds) implements OutboundMessage {
    public DeleteMessages {
      channelMessageIds = List.copyOf(channelMessageIds);
      if (channelMessageIds.isEmpty()) {
        throw new IllegalArgumentException("nothing to delete");
      }
    }
  }

  /**
   * Answers a button press. The channel already answers every press (without text) before the
   * handler runs; this is for a channel or tool that needs to answer one itself.
   */
  record CallbackAnswer(String callbackId, String text) implements OutboundMessage {
    public CallbackAnswer {
      Objects.requireNonNull(callbackId, "callbackId");
    }
  }

  /** Escapes text for Telegram's HTML: the three characters it reads as markup, and quotes. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

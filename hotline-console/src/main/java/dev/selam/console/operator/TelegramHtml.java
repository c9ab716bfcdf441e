package dev.selam.console.operator;

import java.util.regex.Pattern;

/**
 * The console's side of the outbox's {@code {"html": ...}} payload (Telegram's HTML subset):
 * escaping an operator's words so they arrive as typed, and reading a stored bot message back as
 * plain text for the history.
 */
final class TelegramHtml {
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private TelegramHtml() {}

  /** Telegram's HTML mode needs only these three escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String toText(String html) {
    if (html == null) {
      return null;
    }
    return TAG.matcher(html)
        .replaceAll("")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}

package dev.selam.bot.webchat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message's Telegram HTML into runs of plain text with styles, which the page puts into
 * elements with {@code textContent}: no HTML from the service ever reaches the page as markup. Tags
 * other than Telegram's few, and links other than http(s) and tel, come out as text.
 */
final class WebChatHtml {
  private static final Pattern TOKEN =
      Pattern.compile(
          "<(/?)(b|i|u|s|code|pre|blockquote)>|<a href=\"((?:https?://|tel:)[^\"<>]*)\">|</a>"
              + "|&(amp|lt|gt|quot|#39);");

  private WebChatHtml() {}

  /**
   * The runs of a message: {@code [{"text": "...", "b": true, "href": "https://..."}]}; a style key
   * is present only when set. Styles: b, i, u, s, code, pre, quote.
   */
  static JsonArray runs(String html) {
    JsonArray runs = new JsonArray();
    Deque<String> styles = new ArrayDeque<>();
    String href = null;
    StringBuilder text = new StringBuilder();
    Matcher m = TOKEN.matcher(html);
    int at = 0;
    while (m.find()) {
      text.append(html, at, m.start());
      at = m.end();
      if (m.group(4) != null) {
        text.append(
            switch (m.group(4)) {
              case "amp" -> '&';
              case "lt" -> '<';
              case "gt" -> '>';
              case "quot" -> '"';
              default -> '\'';
            });
        continue;
      }
      flush(runs, text, styles, href);
      if (m.group(2) != null) {
        String style = m.group(2).equals("blockquote") ? "quote" : m.group(2);
        if (m.group(1).isEmpty()) {
          styles.push(style);
        } else {
          styles.remove(style);
        }
      } else if (m.group(3) != null) {
        href = m.group(3).replace("&amp;", "&");
      } else {
        href = null;
      }
    }
    text.append(html, at, html.length());
    flush(runs, text, styles, href);
    return runs;
  }

  private static void flush(JsonArray runs, StringBuilder text, Deque<String> styles, String href) {
    if (text.isEmpty()) {
      return;
    }
    JsonObject run = new JsonObject().put("text", text.toString());
    styles.forEach(style -> run.put(style, true));
    if (href != null) {
      run.put("href", href);
    }
    runs.add(run);
    text.setLength(0);
  }
}

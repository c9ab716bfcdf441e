package dev.selam.bot.webchat;

import com.ibm.icu.util.ULocale;
import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.i18n.TextDirection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The page's own words (buttons around the conversation, error notes), from the same message
 * bundles as the dialogue ({@code webchat.*} keys), with the language's writing direction.
 */
final class WebChatTexts {
  static final List<String> KEYS =
      List.of(
          "webchat.title",
          "webchat.exit",
          "webchat.exit_hint",
          "webchat.send",
          "webchat.placeholder",
          "webchat.menu",
          "webchat.person",
          "webchat.erase",
          "webchat.language",
          "webchat.code",
          "webchat.code_help",
          "webchat.resume",
          "webchat.resume_placeholder",
          "webchat.unknown_code",
          "webchat.too_fast",
          "webchat.too_long",
          "webchat.button_gone",
          "webchat.offline");

  private final ChannelTexts texts;

  WebChatTexts(ChannelTexts texts) {
    this.texts = texts;
  }

  /** The page's texts in a language (the fallback language when it is not spoken here). */
  JsonObject page(String requested) {
    String language = texts.languages().contains(requested) ? requested : texts.fallback();
    JsonObject words = new JsonObject();
    for (String key : KEYS) {
      String text = texts.text(language, key);
      words.put(key.substring("webchat.".length()), text == null ? "" : text);
    }
    JsonArray languages = new JsonArray();
    for (String code : texts.languages()) {
      String name = texts.text(code, "language.name");
      languages.add(new JsonObject().put("code", code).put("name", name == null ? code : name));
    }
    return new JsonObject()
        .put("language", language)
        .put("dir", direction(language).attribute())
        .put("texts", words)
        .put("languages", languages);
  }

  /** {@code lang:<code>} for a language spoken here: what a language button sends. */
  boolean isLanguageChoice(String data) {
    return data.startsWith("lang:") && texts.languages().contains(data.substring(5));
  }

  static TextDirection direction(String language) {
    return new ULocale(language).isRightToLeft() ? TextDirection.RTL : TextDirection.LTR;
  }
}

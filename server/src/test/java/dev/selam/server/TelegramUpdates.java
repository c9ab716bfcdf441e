package dev.selam.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Bot API updates as Telegram posts them to the webhook, for the tests that play Telegram. */
final class TelegramUpdates {
  private TelegramUpdates() {}

  /** A private text message; a text starting with "/" carries its bot_command entity. */
  static JsonObject message(long updateId, long chatId, int messageId, String text) {
    return message(updateId, chatId, messageId, text, "en");
  }

  /** The same, from someone whose Telegram app is set to {@code languageCode}. */
  static JsonObject message(
      long updateId, long chatId, int messageId, String text, String languageCode) {
    JsonObject message =
        new JsonObject()
            .put("message_id", messageId)
            .put("date", 1_700_000_000)
            .put("chat", new JsonObject().put("id", chatId).put("type", "private"))
            .put("from", person(chatId, languageCode))
            .put("text", text);
    if (text.startsWith("/")) {
      message.put(
          "entities",
          new JsonArray()
              .add(
                  new JsonObject()
                      .put("type", "bot_command")
                      .put("offset", 0)
                      .put("length", text.length())));
    }
    return new JsonObject().put("update_id", updateId).put("message", message);
  }

  /** A press on an inline button under the bot's message {@code messageId}. */
  static JsonObject button(long updateId, long chatId, int messageId, String data) {
    return new JsonObject()
        .put("update_id", updateId)
        .put(
            "callback_query",
            new JsonObject()
                .put("id", "cb" + updateId)
                .put("from", person(chatId, "en"))
                .put("chat_instance", "ci")
                .put("data", data)
                .put(
                    "message",
                    new JsonObject()
                        .put("message_id", messageId)
                        .put("date", 1_700_000_000)
                        .put("chat", new JsonObject().put("id", chatId).put("type", "private"))
                        .put("text", "question")));
  }

  private static JsonObject person(long chatId, String languageCode) {
    return new JsonObject()
        .put("id", chatId)
        .put("is_bot", false)
        .put("first_name", "A")
        .put("language_code", languageCode);
  }
}

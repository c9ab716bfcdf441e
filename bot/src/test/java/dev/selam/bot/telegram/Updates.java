package dev.selam.bot.telegram;

import io.vertx.core.json.JsonObject;

/** Update bodies as Telegram sends them, for tests. */
final class Updates {
  private Updates() {}

  static JsonObject user(long id, String language) {
    JsonObject user = new JsonObject().put("id", id).put("is_bot", false).put("first_name", "A");
    if (language != null) {
      user.put("language_code", language);
    }
    return user;
  }

  static JsonObject privateChat(long id) {
    return new JsonObject().put("id", id).put("type", "private").put("first_name", "A");
  }

  static String text(long updateId, long chatId, String text) {
    return text(updateId, chatId, text, "tr");
  }

  static String text(long updateId, long chatId, String text, String language) {
    return new JsonObject()
        .put("update_id", updateId)
        .put(
            "message",
            new JsonObject()
                .put("message_id", updateId + 1000)
                .put("from", user(chatId, language))
                .put("chat", privateChat(chatId))
                .put("date", 1_700_000_000)
                .put("text", text))
        .encode();
  }

  static String command(long updateId, long chatId, String command) {
    JsonObject update = new JsonObject(text(updateId, chatId, command));
    update
        .getJsonObject("message")
        .put(
            "entities",
            new io.vertx.core.json.JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "bot_command")
                        .put("offset", 0)
                        .put("length", command.split(" ")[0].length())));
    return update.encode();
  }

  static String group(long updateId, long groupId, String type, String text) {
    return new JsonObject()
        .put("update_id", updateId)
        .put(
            "message",
            new JsonObject()
                .put("message_id", updateId + 1000)
                .put("from", user(99, "ar"))
                .put(
                    "chat", new JsonObject().put("id", groupId).put("type", type).put("title", "G"))
                .put("date", 1_700_000_000)
                .put("text", text))
        .encode();
  }

  static String callback(long updateId, long chatId, String callbackId, String data) {
    return new JsonObject()
        .put("update_id", updateId)
        .put(
            "callback_query",
            new JsonObject()
                .put("id", callbackId)
                .put("from", user(chatId, "ru"))
                .put("chat_instance", "ci")
                .put("data", data)
                .put(
                    "message",
                    new JsonObject()
                        .put("message_id", 77)
                        .put("date", 1_700_000_000)
                        .put("chat", privateChat(chatId))
                        .put("text", "menu")))
        .encode();
  }
}

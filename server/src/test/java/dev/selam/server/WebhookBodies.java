package dev.selam.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Webhook bodies for fuzzing, grown from real Telegram updates: fields of the wrong type, huge and
 * odd numbers, markup and query syntax in text, truncation, flipped bytes, invalid UTF-8, deep
 * nesting, update types the bot does not handle, and plain garbage. The same seed gives the same
 * bodies.
 */
final class WebhookBodies {
  static final List<String> UNHANDLED_TYPES =
      List.of(
          "edited_message",
          "channel_post",
          "edited_channel_post",
          "inline_query",
          "chosen_inline_result",
          "shipping_query",
          "pre_checkout_query",
          "poll",
          "poll_answer",
          "my_chat_member",
          "chat_member",
          "chat_join_request",
          "message_reaction",
          "business_message",
          "purchased_paid_media",
          "a_type_from_the_future");

  private final Random random;
  private final List<JsonObject> seeds;

  WebhookBodies(long seed, List<JsonObject> seeds) {
    this.random = new Random(seed);
    this.seeds = seeds;
  }

  /** One generated body, and what kind of damage it carries (for the report). */
  record Body(String kind, byte[] bytes) {}

  Body next(long updateId) {
    JsonObject update = seeds.get(random.nextInt(seeds.size())).copy();
    // the game payload predates Bot API 4.5 and is refused as it is: damaged only, never "valid"
    boolean refusedAsItIs = update.getJsonObject("message", new JsonObject()).containsKey("game");
    update.put("update_id", updateId);
    retarget(update);
    return switch (random.nextInt(10)) {
      case 0, 1 -> new Body("wrong-value", utf8(wrongValue(update).encode()));
      case 2 -> new Body("truncated", truncated(utf8(update.encode())));
      case 3 -> new Body("flipped-bytes", flipped(utf8(update.encode())));
      case 4 -> new Body("invalid-utf8", invalidUtf8(update));
      case 5 -> new Body("deep-nesting", utf8(deeplyNested(update)));
      case 6 -> new Body("unhandled-type", utf8(unhandled(update).encode()));
      case 7 -> new Body("raw-number", utf8(rawNumber(update)));
      case 8 -> new Body("garbage", garbage(update));
      default -> new Body(refusedAsItIs ? "outdated" : "valid", utf8(update.encode()));
    };
  }

  /** A few chats only, so some bodies continue conversations. */
  private void retarget(JsonObject update) {
    JsonObject message = update.getJsonObject("message");
    if (message != null && message.getValue("chat") instanceof JsonObject chat) {
      long id = 880_000_000L + random.nextInt(40);
      chat.put("id", id).put("type", "private");
      if (message.getValue("from") instanceof JsonObject from) {
        from.put("id", id);
      }
    }
  }

  private JsonObject wrongValue(JsonObject update) {
    List<JsonObject> objects = new ArrayList<>();
    collect(update, objects);
    JsonObject target = objects.get(random.nextInt(objects.size()));
    List<String> keys = new ArrayList<>(target.fieldNames());
    if (keys.isEmpty()) {
      return update;
    }
    target.put(keys.get(random.nextInt(keys.size())), oddValue());
    return update;
  }

  private static void collect(JsonObject object, List<JsonObject> into) {
    into.add(object);
    for (String key : object.fieldNames()) {
      if (object.getValue(key) instanceof JsonObject child) {
        collect(child, into);
      }
    }
  }

  private Object oddValue() {
    return switch (random.nextInt(16)) {
      case 0 -> null;
      case 1 -> Long.MAX_VALUE;
      case 2 -> Long.MIN_VALUE;
      case 3 -> -1;
      case 4 -> 1.5e300;
      case 5 -> "";
      case 6 -> "x".repeat(random.nextInt(20_000));
      case 7 -> "<script>alert(1)</script><img src=x onerror=alert(2)>";
      case 8 -> "title:(visa OR \"work permit\"~2)^9 AND body:* [a TO z] \\ /regex.*/";
      case 9 -> "\u0000\u202e\u200f\uFEFF\uD83D\uDE00 \uD800";
      case 10 -> new JsonArray().add(1).add("two").addNull();
      case 11 -> new JsonObject().put("nested", new JsonObject().put("deeper", true));
      case 12 -> true;
      case 13 -> "/erase";
      case 14 -> "%s%n%x' OR '1'='1'; DROP TABLE message; --";
      default -> random.nextInt();
    };
  }

  private byte[] truncated(byte[] body) {
    int length = body.length <= 1 ? 0 : random.nextInt(body.length - 1);
    return java.util.Arrays.copyOf(body, length);
  }

  private byte[] flipped(byte[] body) {
    byte[] copy = body.clone();
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips && copy.length > 0; i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private static final byte[][] INVALID_UTF8 = {
    {(byte) 0xFF},
    {(byte) 0xC0, (byte) 0x80},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xE2, (byte) 0x82},
    {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
    {(byte) 0x80}
  };

  /** Bytes that are not UTF-8 inside the message's text (or anywhere when it has none). */
  private byte[] invalidUtf8(JsonObject update) {
    String marker = "FUZZMARK";
    JsonObject message = update.getJsonObject("message");
    if (message != null) {
      message.put("text", "before " + marker + " after");
    }
    byte[] body = utf8(update.encode());
    String text = new String(body, StandardCharsets.UTF_8);
    int at = text.indexOf(marker);
    if (at < 0) {
      at = random.nextInt(Math.max(1, body.length));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(body, 0, at);
    out.writeBytes(INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
    out.write(body, at, body.length - at);
    return out.toByteArray();
  }

  private String deeplyNested(JsonObject update) {
    int depth = List.of(63, 65, 200, 5_000, 20_000).get(random.nextInt(5));
    String field = random.nextBoolean() ? "[" : "{\"a\":";
    String close = field.equals("[") ? "]" : "}";
    String nested = field.repeat(depth) + "1" + close.repeat(depth);
    String body = update.encode();
    // into the update itself, or the whole body
    return random.nextBoolean()
        ? body.substring(0, body.length() - 1) + ",\"extra\":" + nested + "}"
        : nested;
  }

  private JsonObject unhandled(JsonObject update) {
    JsonObject payload =
        update.getJsonObject("message") != null
            ? update.getJsonObject("message")
            : new JsonObject().put("id", "x");
    return new JsonObject()
        .put("update_id", update.getValue("update_id"))
        .put(UNHANDLED_TYPES.get(random.nextInt(UNHANDLED_TYPES.size())), payload);
  }

  private String rawNumber(JsonObject update) {
    String number =
        List.of(
                "1e400",
                "-1e400",
                "99999999999999999999999999999999999999",
                "-0",
                "0.000000000000000000001",
                "1" + "0".repeat(5_000),
                "NaN",
                "Infinity",
                "0x1F",
                "01")
            .get(random.nextInt(10));
    String field = List.of("update_id", "message_id", "date", "id").get(random.nextInt(4));
    return update
        .encode()
        .replaceFirst("\"" + field + "\":-?[0-9.eE+]+", "\"" + field + "\":" + number);
  }

  private byte[] garbage(JsonObject update) {
    String body = update.encode();
    return switch (random.nextInt(10)) {
      case 0 -> new byte[0];
      case 1 -> utf8("   \n\t ");
      case 2 -> utf8("null");
      case 3 -> utf8("[" + body + "]");
      case 4 -> utf8(body + body);
      case 5 -> utf8(body + " trailing");
      case 6 -> utf8("{\"update_id\":1,\"update_id\":2," + body.substring(1));
      case 7 -> utf8("\"" + body.replace("\"", "\\\"") + "\"");
      case 8 -> utf8("<?xml version=\"1.0\"?><update/>");
      default -> {
        byte[] bytes = new byte[random.nextInt(4096)];
        random.nextBytes(bytes);
        yield bytes;
      }
    };
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package dev.selam.bot.channel;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * How an {@link OutboundMessage} is written into an outbox row (a kind and a JSON payload) and read
 * back by the dispatcher. The format is plain JSON so other writers (the console's operator
 * replies) can produce it:
 *
 * <ul>
 *   <li>{@code send_message}: {@code {"html": "...", "buttons": [[{"label": "...", "data":
 *       "..."}]], "delete_after_seconds": 60}} (buttons and deletion optional)
 *   <li>{@code delete_messages}: {@code {"message_ids": [1, 2]}} (at most {@link #DELETE_BATCH} ids
 *       per row)
 *   <li>{@code answer_callback}: {@code {"callback_id": "...", "text": "..."}} (text optional)
 * </ul>
 */
public final class OutboundCodec {
  public static final String SEND_MESSAGE = "send_message";
  public static final String DELETE_MESSAGES = "delete_messages";
  public static final String ANSWER_CALLBACK = "answer_callback";

  /** Telegram's deleteMessages takes at most 100 ids per call. */
  public static final int DELETE_BATCH = 100;

  private OutboundCodec() {}

  /** An outbox row's kind and payload. */
  public record Row(String kind, String payload) {}

  /** The rows for a message: one, or one per batch of ids to delete. */
  public static List<Row> encode(OutboundMessage message) {
    return switch (message) {
      case OutboundMessage.Text text -> List.of(new Row(SEND_MESSAGE, encodeText(text)));
      case OutboundMessage.DeleteMessages delete -> {
        List<Row> rows = new ArrayList<>();
        List<Long> ids = delete.channelMessageIds();
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
          List<Long> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
          rows.add(
              new Row(
                  DELETE_MESSAGES,
                  new JsonObject().put("message_ids", new JsonArray(List.copyOf(batch))).encode()));
        }
        yield rows;
      }
      case OutboundMessage.CallbackAnswer answer -> {
        JsonObject json = new JsonObject().put("callback_id", answer.callbackId());
        if (answer.text() != null) {
          json.put("text", answer.text());
        }
        yield List.of(new Row(ANSWER_CALLBACK, json.encode()));
      }
    };
  }

  /**
   * Reads a row back.
   *
   * @throws IllegalArgumentException for an unknown kind or a payload that does not fit it
   */
  public static OutboundMessage decode(String kind, String payload) {
    try {
      JsonObject json = new JsonObject(payload);
      return switch (kind) {
        case SEND_MESSAGE -> decodeText(json);
        case DELETE_MESSAGES -> {
          List<Long> ids = new ArrayList<>();
          for (Object id : json.getJsonArray("message_ids")) {
            ids.add(((Number) id).longValue());
          }
          yield new OutboundMessage.DeleteMessages(ids);
        }
        case ANSWER_CALLBACK ->
            new OutboundMessage.CallbackAnswer(
                json.getString("callback_id"), json.getString("text"));
        default -> throw new IllegalArgumentException("unknown outbox kind " + kind);
      };
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("malformed " + kind + " payload", e);
    }
  }

  private static String encodeText(OutboundMessage.Text text) {
    JsonObject json = new JsonObject().put("html", text.html());
    if (!text.buttons().isEmpty()) {
      JsonArray rows = new JsonArray();
      for (List<OutboundMessage.Button> row : text.buttons()) {
        JsonArray buttons = new JsonArray();
        for (OutboundMessage.Button button : row) {
          buttons.add(
              new JsonObject().put("label", button.label()).put("data", button.callbackData()));
        }
        rows.add(buttons);
      }
      json.put("buttons", rows);
    }
    if (text.deleteAfter() != null) {
      json.put("delete_after_seconds", text.deleteAfter().toSeconds());
    }
    return json.encode();
  }

  private static OutboundMessage.Text decodeText(JsonObject json) {
    List<List<OutboundMessage.Button>> rows = new ArrayList<>();
    JsonArray buttons = json.getJsonArray("buttons");
    if (buttons != null) {
      for (Object rowJson : buttons) {
        List<OutboundMessage.Button> row = new ArrayList<>();
        for (Object buttonJson : (JsonArray) rowJson) {
          JsonObject button = (JsonObject) buttonJson;
          row.add(new OutboundMessage.Button(button.getString("label"), button.getString("data")));
        }
        rows.add(row);
      }
    }
    Long deleteAfter = json.getLong("delete_after_seconds");
    return new OutboundMessage.Text(
        json.getString("html"),
        rows,
        deleteAfter == null ? null : java.time.Duration.ofSeconds(deleteAfter));
  }
}

package dev.selam.bot.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Reads Telegram updates with TelegramBots' own types, strictly: a body that is not valid UTF-8,
 * not JSON, not one update, or has anything after it, is refused, so nothing half-understood is
 * stored.
 */
final class UpdateReader {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  // Updates nest a few levels; a deeply nested body is an attack on the stack.
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(64).build())
                  .build())
          // Telegram adds fields over time: an update with a new field is still an update.
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

  private UpdateReader() {}

  /** Why a body was refused: a short name for logs, never the body itself. */
  static final class MalformedUpdateException extends Exception {
    MalformedUpdateException(String reason) {
      super(reason, null, false, false);
    }
  }

  /** An update read from a body, and the body as text (what is stored). */
  record Read(Update update, String json) {}

  static Read read(byte[] body) throws MalformedUpdateException {
    String json;
    try {
      json =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedUpdateException("invalid_utf8");
    }
    return new Read(read(json), json);
  }

  static Update read(String json) throws MalformedUpdateException {
    Update update;
    try {
      update = MAPPER.readValue(json, Update.class);
    } catch (StreamReadException e) {
      throw new MalformedUpdateException("invalid_json");
    } catch (JsonProcessingException | RuntimeException e) {
      // Valid JSON in a shape TelegramBots does not accept (wrong types, missing fields).
      throw new MalformedUpdateException("unexpected_shape");
    }
    if (update == null || update.getUpdateId() == null || update.getUpdateId() < 0) {
      throw new MalformedUpdateException("no_update_id");
    }
    return update;
  }

  /** An update as JSON, for updates that arrive already parsed (long polling). */
  static String write(Update update) {
    try {
      return MAPPER.writeValueAsString(update);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an update TelegramBots read cannot be written back", e);
    }
  }
}

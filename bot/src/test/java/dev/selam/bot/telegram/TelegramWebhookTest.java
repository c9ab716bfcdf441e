package dev.selam.bot.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static dev.selam.bot.telegram.TelegramFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class TelegramWebhookTest {
  @TempDir Path tempDir;
  TelegramFixture fx;

  @BeforeEach
  void setUp() {
    fx =
        new TelegramFixture(tempDir)
            .webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  long storedUpdates() {
    return fx.count("SELECT COUNT(*) FROM inbound_update");
  }

  @Test
  void updateIsStoredEncryptedBeforeTheWebhookAnswers200() {
    var response = fx.postUpdate(Updates.text(10, 4242, "my passport was taken"));

    assertThat(response.statusCode()).isEqualTo(200);
    // The answer came after the row was committed: no waiting needed to see it.
    assertThat(storedUpdates()).isEqualTo(1);
    assertThat(fx.strings("SELECT COALESCE(payload, '') FROM inbound_update"))
        .allSatisfy(p -> assertThat(p).doesNotContain("passport").doesNotContain("4242"));
    eventually("handled", () -> fx.handled.size() == 1);
    InboundMessage message = fx.handled.get(0);
    assertThat(message.kind()).isEqualTo(MessageKind.TEXT);
    assertThat(message.text()).isEqualTo("my passport was taken");
    assertThat(message.externalChatId()).isEqualTo("4242");
    assertThat(message.languageCode()).isEqualTo("tr");
    assertThat(message.channelMessageId()).isEqualTo(1010L);
    assertThat(message.updateId()).isEqualTo(10);
    eventually(
        "marked handled without its payload",
        () ->
            fx.count(
                    "SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NOT NULL"
                        + " AND payload IS NULL AND outcome = 'handled'")
                == 1);
  }

  @Test
  void missingOrWrongSecretIsRefusedWith401AndNothingIsStored() {
    Buffer body = Buffer.buffer(Updates.text(11, 1, "hello"));
    assertThat(fx.postUpdate(body, null).statusCode()).isEqualTo(401);
    assertThat(fx.postUpdate(body, "wrong").statusCode()).isEqualTo(401);
    assertThat(fx.postUpdate(body, TelegramFixture.SECRET + "x").statusCode()).isEqualTo(401);
    assertThat(fx.postUpdate(body, "").statusCode()).isEqualTo(401);
    assertThat(storedUpdates()).isZero();
    assertThat(fx.handled).isEmpty();
  }

  @Test
  void repeatedUpdateIsHandledOnce() {
    String update = Updates.text(12, 7, "hello");
    for (int i = 0; i < 3; i++) {
      assertThat(fx.postUpdate(update).statusCode()).isEqualTo(200);
    }
    eventually("handled", () -> fx.handled.size() == 1);
    fx.postUpdate(update);
    assertThat(storedUpdates()).isEqualTo(1);
    eventually(
        "finished",
        () -> fx.count("SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NOT NULL") == 1);
    assertThat(fx.handled).hasSize(1);
  }

  @Test
  void badBodiesGet400AndStoreNothing() {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    bodies.put("not json", bytes("hello"));
    bodies.put("truncated", bytes(Updates.text(13, 1, "x").substring(0, 40)));
    bodies.put("array", bytes("[" + Updates.text(13, 1, "x") + "]"));
    bodies.put("null", bytes("null"));
    bodies.put("no update id", bytes("{\"message\":{\"text\":\"x\"}}"));
    bodies.put("negative update id", bytes("{\"update_id\":-5}"));
    bodies.put("huge update id", bytes("{\"update_id\":123456789012345678901234567890}"));
    bodies.put("update id as text", bytes("{\"update_id\":\"abc\"}"));
    bodies.put("message of wrong type", bytes("{\"update_id\":14,\"message\":5}"));
    bodies.put("trailing garbage", bytes(Updates.text(15, 1, "x") + " {}"));
    bodies.put(
        "deep nesting",
        bytes("{\"update_id\":16,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
    byte[] invalidUtf8 = bytes(Updates.text(17, 1, "AB"));
    int at = new String(invalidUtf8, StandardCharsets.ISO_8859_1).indexOf("AB");
    invalidUtf8[at] = (byte) 0xC3; // starts a two-byte sequence ...
    invalidUtf8[at + 1] = (byte) 0x28; // ... that this byte cannot continue
    bodies.put("invalid utf-8", invalidUtf8);

    bodies.forEach(
        (name, body) ->
            assertThat(fx.postUpdate(Buffer.buffer(body), TelegramFixture.SECRET).statusCode())
                .as(name)
                .isEqualTo(400));
    assertThat(storedUpdates()).isZero();
    assertThat(fx.handled).isEmpty();
  }

  @Test
  void oversizedBodyGets413AndStoresNothing() {
    String big = Updates.text(18, 1, "x".repeat(TelegramFixture.BODY_LIMIT));
    assertThat(fx.postUpdate(big).statusCode()).isEqualTo(413);
    assertThat(storedUpdates()).isZero();
  }

  @Test
  void rejectedBodiesAreLoggedWithoutTheirContent() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try {
      fx.postUpdate(
          Buffer.buffer("{\"update_id\":1,\"message\":\"secret words\"}"), TelegramFixture.SECRET);
      fx.postUpdate(Buffer.buffer(Updates.text(19, 1, "other words")), "wrong-secret");
    } finally {
      root.detachAppender(logs);
    }
    assertThat(logs.list)
        .anySatisfy(
            e ->
                assertThat(String.valueOf(e.getKeyValuePairs()))
                    .contains("telegram.webhook_rejected"));
    for (ILoggingEvent event : logs.list) {
      String line = event.getFormattedMessage() + event.getKeyValuePairs();
      assertThat(line)
          .doesNotContain("secret words")
          .doesNotContain("other words")
          .doesNotContain("wrong-secret")
          .doesNotContain(TelegramFixture.SECRET);
    }
  }

  @Test
  void realTelegramPayloadsAreAcceptedOrRefusedCleanly() throws IOException {
    List<String> names =
        List.of(
            "message.json",
            "edited_message.json",
            "forwarded_message.json",
            "reply_message.json",
            "message_with_audio.json",
            "message_with_document.json",
            "message_with_game.json",
            "message_with_invoice.json",
            "message_with_location.json",
            "message_with_photo.json",
            "message_with_sticker.json",
            "message_with_successful_payment.json",
            "message_with_video.json",
            "message_with_voice.json",
            "pre_checkout_query.json",
            "shipping_query.json");
    Map<String, Integer> statuses = new LinkedHashMap<>();
    Map<Long, String> byUpdate = new ConcurrentHashMap<>();
    long updateId = 1000;
    for (String name : names) {
      // Several files share one update_id: give each its own, or all but one would be repeats.
      JsonObject update =
          new JsonObject(resource("telegram-updates/" + name)).put("update_id", ++updateId);
      byUpdate.put(updateId, name);
      statuses.put(name, fx.postUpdate(update.encode()).statusCode());
    }

    // The game payload predates Bot API 4.5 (no file_unique_id): TelegramBots refuses it.
    assertThat(statuses).allSatisfy((name, status) -> assertThat(status).as(name).isIn(200, 400));
    assertThat(statuses.entrySet().stream().filter(e -> e.getValue() == 400).map(Map.Entry::getKey))
        .containsExactly("message_with_game.json");

    eventually("every private message handled", () -> fx.handled.size() == 12);
    Map<String, MessageKind> kinds = new LinkedHashMap<>();
    Map<String, InboundMessage> messages = new LinkedHashMap<>();
    for (InboundMessage message : new ArrayList<>(fx.handled)) {
      kinds.put(byUpdate.get(message.updateId()), message.kind());
      messages.put(byUpdate.get(message.updateId()), message);
    }
    assertThat(kinds)
        .containsEntry("message.json", MessageKind.TEXT)
        .containsEntry("edited_message.json", MessageKind.TEXT)
        .containsEntry("forwarded_message.json", MessageKind.TEXT)
        .containsEntry("reply_message.json", MessageKind.TEXT)
        .containsEntry("message_with_audio.json", MessageKind.AUDIO)
        .containsEntry("message_with_document.json", MessageKind.DOCUMENT)
        .containsEntry("message_with_location.json", MessageKind.LOCATION)
        .containsEntry("message_with_photo.json", MessageKind.PHOTO)
        .containsEntry("message_with_sticker.json", MessageKind.STICKER)
        .containsEntry("message_with_successful_payment.json", MessageKind.OTHER)
        .containsEntry("message_with_video.json", MessageKind.VIDEO)
        .containsEntry("message_with_voice.json", MessageKind.VOICE);
    assertThat(messages.get("edited_message.json").edited()).isTrue();
    assertThat(messages.get("edited_message.json").text()).isEqualTo("hi there (edited)");
    assertThat(messages.get("message.json").edited()).isFalse();
    assertThat(messages.get("message_with_photo.json").text()).isEqualTo("description");
    assertThat(messages.get("message_with_photo.json").languageCode()).isEqualTo("ru-RU");
    assertThat(messages.get("message_with_document.json").text()).isEqualTo("doc description");

    // Payment queries are not for this bot, and the invoice file is a bare message, not an update:
    // stored as finished, without content, never handed on.
    eventually(
        "all finished",
        () -> fx.count("SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NULL") == 0);
    assertThat(
            fx.count(
                "SELECT COUNT(*) FROM inbound_update WHERE outcome = 'ignored' AND payload IS NULL"))
        .isEqualTo(3);
    assertThat(kinds).doesNotContainKey("message_with_invoice.json");
  }

  @Test
  void commandIsHandedOnAsACommand() {
    fx.postUpdate(Updates.command(20, 5, "/start@SelamBot campaign"));
    eventually("handled", () -> fx.handled.size() == 1);
    InboundMessage message = fx.handled.get(0);
    assertThat(message.kind()).isEqualTo(MessageKind.COMMAND);
    assertThat(message.command()).contains("start");
    assertThat(message.commandArguments()).isEqualTo("campaign");
  }

  @Test
  void groupIsToldOnceThatTheBotWorksInPrivateThenIgnored() {
    fx.start();
    assertThat(fx.postUpdate(Updates.group(30, -100123, "supergroup", "hi bot")).statusCode())
        .isEqualTo(200);
    fx.postUpdate(Updates.group(31, -100123, "supergroup", "hello?"));
    fx.postUpdate(Updates.group(32, -100123, "supergroup", "anyone?"));

    eventually("told", () -> fx.requests("sendMessage").size() == 1);
    eventually(
        "all finished",
        () -> fx.count("SELECT COUNT(*) FROM inbound_update WHERE outcome = 'group'") == 3);
    fx.telegram.verify(
        1,
        postRequestedFor((fx.path("sendMessage")))
            .withRequestBody(
                equalToJson(
                    """
                    {"method":"sendmessage","chat_id":"-100123",
                     "text":"[ar] group.private_only","parse_mode":"html",
                     "link_preview_options":{"is_disabled":true}}""")));
    assertThat(fx.handled).isEmpty();
    assertThat(fx.count("SELECT COUNT(*) FROM contact WHERE chat_type = 'supergroup'"))
        .isEqualTo(1);
    assertThat(fx.count("SELECT COUNT(*) FROM conversation")).isZero();
  }

  @Test
  void buttonPressIsAnsweredEvenWhenTheHandlerFails() {
    fx.behaviour = message -> Future.failedFuture(new IllegalStateException("dialogue broke"));
    fx.postUpdate(Updates.callback(40, 8080, "cbq-1", "menu:health"));

    eventually("answered", () -> fx.requests("answerCallbackQuery").size() == 1);
    fx.telegram.verify(
        postRequestedFor((fx.path("answerCallbackQuery")))
            .withRequestBody(
                equalToJson(
                    "{\"method\":\"answercallbackquery\",\"callback_query_id\":\"cbq-1\"}")));
    // Retried up to the policy's attempts, then kept as failed for operators.
    eventually(
        "failed",
        () -> fx.count("SELECT COUNT(*) FROM inbound_update WHERE outcome = 'failed'") == 1);
    assertThat(fx.handled).hasSize(3);
    InboundMessage press = fx.handled.get(0);
    assertThat(press.kind()).isEqualTo(MessageKind.CALLBACK);
    assertThat(press.callbackData()).isEqualTo("menu:health");
    assertThat(press.callbackId()).isEqualTo("cbq-1");
    assertThat(press.channelMessageId()).isEqualTo(77L);
    assertThat(fx.requests("answerCallbackQuery")).hasSize(1);
  }

  @Test
  void failingHandlerIsRetriedAndItsChatWaitsMeanwhile() {
    List<Promise<Void>> first = new ArrayList<>();
    fx.behaviour =
        message -> {
          if (message.updateId() == 50 && first.isEmpty()) {
            first.add(Promise.promise());
            return Future.failedFuture(new IllegalStateException("database away"));
          }
          return Future.succeededFuture();
        };
    fx.postUpdate(Updates.text(50, 1, "first"));
    fx.postUpdate(Updates.text(51, 1, "second"));

    eventually(
        "both handled",
        () -> fx.count("SELECT COUNT(*) FROM inbound_update WHERE outcome = 'handled'") == 2);
    assertThat(fx.handled.stream().map(InboundMessage::updateId)).containsExactly(50L, 50L, 51L);
  }

  @Test
  void eachChatIsHandledInOrderWhileChatsRunInParallel() {
    Map<String, Promise<Void>> blocked = new ConcurrentHashMap<>();
    fx.behaviour =
        message -> {
          if (message.externalChatId().equals("1") && message.updateId() == 60) {
            Promise<Void> promise = Promise.promise();
            blocked.put("1", promise);
            return promise.future();
          }
          return Future.succeededFuture();
        };
    fx.postUpdate(Updates.text(60, 1, "a1"));
    fx.postUpdate(Updates.text(61, 2, "b1"));
    fx.postUpdate(Updates.text(62, 1, "a2"));
    fx.postUpdate(Updates.text(63, 2, "b2"));
    fx.postUpdate(Updates.text(64, 1, "a3"));

    // Chat 2 goes on while chat 1 waits for its first message.
    eventually(
        "chat 2 done",
        () -> fx.handled.stream().filter(m -> m.externalChatId().equals("2")).count() == 2);
    assertThat(
            fx.handled.stream()
                .filter(m -> m.externalChatId().equals("1"))
                .map(InboundMessage::text))
        .containsExactly("a1");

    fx.vertx.runOnContext(v -> blocked.get("1").complete());
    eventually("chat 1 done", () -> fx.handled.size() == 5);
    assertThat(
            fx.handled.stream()
                .filter(m -> m.externalChatId().equals("1"))
                .map(InboundMessage::text))
        .containsExactly("a1", "a2", "a3");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TelegramWebhookTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

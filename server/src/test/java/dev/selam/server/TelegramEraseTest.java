package dev.selam.server;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.selam.core.storage.DatabaseTextScan;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service with WireMock as Telegram: a person writes, asks for a person in danger, then
 * erases. Telegram is asked to delete the chat both ways, and the database keeps no text.
 */
class TelegramEraseTest {
  static final String TOKEN = "42:erase";
  static final String SECRET = "erase-secret";
  static final long CHAT = 5551;

  @TempDir Path dataDir;
  WireMockServer telegram;
  TestService service;
  Vertx clientVertx;
  WebClient client;

  @BeforeEach
  void start() {
    telegram = new WireMockServer(options().dynamicPort());
    telegram.start();
    telegram.stubFor(
        post(urlMatching("/bot.*/(?i)sendMessage"))
            .willReturn(
                okJson(
                    "{\"ok\":true,\"result\":{\"message_id\":700,\"date\":1700000000,"
                        + "\"chat\":{\"id\":5551,\"type\":\"private\"},\"text\":\"x\"}}")));
    telegram.stubFor(
        post(urlMatching(
                "/bot.*/(?i)(deleteMessages|answerCallbackQuery|setMyCommands|setWebhook|deleteWebhook)"))
            .willReturn(okJson("{\"ok\":true,\"result\":true}")));
    service =
        TestService.start(
            dataDir,
            Map.of(
                "SELAM_TELEGRAM_TOKEN",
                TOKEN,
                "SELAM_TELEGRAM_MODE",
                "webhook",
                "SELAM_TELEGRAM_WEBHOOK_SECRET",
                SECRET,
                "SELAM_TELEGRAM_API_URL",
                "http://127.0.0.1:" + telegram.port()));
    clientVertx = Vertx.vertx();
    client =
        WebClient.create(
            clientVertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(service.port()));
  }

  @AfterEach
  void stop() {
    client.close();
    clientVertx.close().await();
    service.close();
    telegram.stop();
  }

  @Test
  void eraseDeletesTheTelegramChatBothWaysAndLeavesNoText() throws Exception {
    webhook(message(1, 11, "how do I get a residence permit"));
    webhook(message(2, 12, "they don't let us go out of the flat"));
    until(() -> sent("sendMessage").size() >= 3);
    assertThat(count("SELECT COUNT(*) FROM escalation WHERE status = 'waiting'")).isEqualTo(1);
    webhook(message(3, 13, "/erase"));
    until(() -> count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0);

    webhook(button(4, 14, "erase:yes"));

    until(() -> !sent("deleteMessages").isEmpty());
    List<Long> deleted = new ArrayList<>();
    for (LoggedRequest request : sent("deleteMessages")) {
      JsonObject body = new JsonObject(request.getBodyAsString());
      assertThat(body.getString("chat_id")).isEqualTo(String.valueOf(CHAT));
      body.getJsonArray("message_ids").forEach(id -> deleted.add(((Number) id).longValue()));
    }
    assertThat(deleted).contains(11L, 12L, 13L, 14L, 700L);
    until(
        () ->
            count("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND kind = 'send_message'")
                == 0);
    assertThat(count("SELECT COUNT(*) FROM message WHERE body IS NOT NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM escalation WHERE reasons IS NOT NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM escalation WHERE status = 'closed'")).isEqualTo(1);
    // the neutral confirmation waits to be deleted from the chat in turn
    assertThat(
            count(
                "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND kind = 'delete_messages'"))
        .isEqualTo(1);
  }

  @Test
  void afterEraseNoTableHoldsThePersonsWordsInClearOrDecryptable() throws Exception {
    // given a person who asked a question the bot cannot answer and said something dangerous
    DatabaseTextScan scan = new DatabaseTextScan(service.database, service.cipher());
    webhook(message(1, 11, "quokkaword where can I find zebrafinch papers"));
    webhook(message(2, 12, "quokkaword they don't let us go out of the flat"));
    until(() -> sent("sendMessage").size() >= 3);
    assertThat(scan.find("quokkaword")).contains("message.body (decrypted)");
    assertThat(scan.find(String.valueOf(CHAT))).contains("contact.chat_ref (decrypted)");

    // when they erase their data
    webhook(message(3, 13, "/erase"));
    until(() -> count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0);
    webhook(button(4, 14, "erase:yes"));
    until(() -> !sent("deleteMessages").isEmpty());
    until(() -> count("SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NULL") == 0);

    // then none of their words is anywhere, in clear or for someone holding the keys
    assertThat(scan.find("quokkaword")).isEmpty();
    assertThat(scan.find("zebrafinch")).isEmpty();
  }

  void webhook(JsonObject update) {
    assertThat(
            client
                .post("/telegram/webhook")
                .putHeader("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .sendBuffer(Buffer.buffer(update.encode()))
                .await()
                .statusCode())
        .isEqualTo(200);
  }

  static JsonObject message(long updateId, int messageId, String text) {
    JsonObject message =
        new JsonObject()
            .put("message_id", messageId)
            .put("date", 1_700_000_000)
            .put("chat", new JsonObject().put("id", CHAT).put("type", "private"))
            .put(
                "from",
                new JsonObject().put("id", CHAT).put("is_bot", false).put("first_name", "A"))
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

  static JsonObject button(long updateId, int messageId, String data) {
    return new JsonObject()
        .put("update_id", updateId)
        .put(
            "callback_query",
            new JsonObject()
                .put("id", "cb" + updateId)
                .put(
                    "from",
                    new JsonObject().put("id", CHAT).put("is_bot", false).put("first_name", "A"))
                .put("chat_instance", "ci")
                .put("data", data)
                .put(
                    "message",
                    new JsonObject()
                        .put("message_id", messageId)
                        .put("date", 1_700_000_000)
                        .put("chat", new JsonObject().put("id", CHAT).put("type", "private"))
                        .put("text", "question")));
  }

  List<LoggedRequest> sent(String method) {
    return telegram.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
            urlMatching("/bot.*/(?i)" + method)));
  }

  long count(String sql) {
    try (Connection c = service.database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void until(BooleanSupplier condition) throws InterruptedException {
    until(condition, 30);
  }

  static void until(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s");
      }
      Thread.sleep(50);
    }
  }
}

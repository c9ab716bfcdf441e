package dev.selam.server;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.selam.core.storage.DatabaseTextScan;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  static final long CHAT = 5551;

  @TempDir Path dataDir;
  WebhookService bot;

  @BeforeEach
  void start() {
    bot = WebhookService.start(dataDir);
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  @Test
  void eraseDeletesTheTelegramChatBothWaysAndLeavesNoText() throws Exception {
    webhook(message(1, 11, "how do I get a residence permit"));
    webhook(message(2, 12, "they don't let us go out of the flat"));
    until(() -> sent("sendMessage").size() >= 3);
    assertThat(count("SELECT COUNT(*) FROM escalation WHERE status = 'waiting'")).isEqualTo(1);
    webhook(message(3, 13, "/erase"));
    until(() -> count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0);
    List<Long> botMessages =
        bot.telegram.sentMessages().stream().map(TelegramStandIn.Sent::messageId).toList();

    webhook(button(4, 14, "erase:yes"));

    until(() -> !sent("deleteMessages").isEmpty());
    List<Long> deleted = new ArrayList<>();
    for (LoggedRequest request : sent("deleteMessages")) {
      JsonObject body = new JsonObject(request.getBodyAsString());
      assertThat(body.getString("chat_id")).isEqualTo(String.valueOf(CHAT));
      body.getJsonArray("message_ids").forEach(id -> deleted.add(((Number) id).longValue()));
    }
    assertThat(deleted).contains(11L, 12L, 13L, 14L).containsAll(botMessages);
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
    DatabaseTextScan scan = new DatabaseTextScan(bot.service.database, bot.service.cipher());
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
    bot.webhook(update);
  }

  static JsonObject message(long updateId, int messageId, String text) {
    return TelegramUpdates.message(updateId, CHAT, messageId, text);
  }

  static JsonObject button(long updateId, int messageId, String data) {
    return TelegramUpdates.button(updateId, CHAT, messageId, data);
  }

  List<LoggedRequest> sent(String method) {
    return bot.telegram.server.findAll(postRequestedFor(urlMatching("/bot.*/(?i)" + method)));
  }

  long count(String sql) {
    return bot.count(sql);
  }

  static void until(BooleanSupplier condition) throws InterruptedException {
    Await.until(condition);
  }
}

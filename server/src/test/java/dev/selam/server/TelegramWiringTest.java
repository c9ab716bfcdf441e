package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service with a bot token in webhook mode: the webhook is mounted behind the body limit. */
class TelegramWiringTest {
  static final String SECRET = "wiring-secret";

  @TempDir Path dataDir;
  TestService service;
  Vertx clientVertx;
  WebClient client;

  @BeforeEach
  void start() throws IOException {
    int unusedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      unusedPort = socket.getLocalPort(); // nothing answers there: Telegram is unreachable
    }
    service =
        TestService.start(
            dataDir,
            Map.of(
                "SELAM_HTTP_BODY_LIMIT", "4096",
                "SELAM_TELEGRAM_TOKEN", "42:wiring",
                "SELAM_TELEGRAM_MODE", "webhook",
                "SELAM_TELEGRAM_WEBHOOK_SECRET", SECRET,
                "SELAM_TELEGRAM_API_URL", "http://127.0.0.1:" + unusedPort));
    client = service.client();
    clientVertx = service.clientVertx();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  HttpResponse<Buffer> post(String secret, Buffer body) {
    return client
        .post("/telegram/webhook")
        .putHeader("X-Telegram-Bot-Api-Secret-Token", secret)
        .sendBuffer(body)
        .await();
  }

  static Buffer update(long updateId, String text) {
    JsonObject chat = new JsonObject().put("id", 555).put("type", "private");
    return new JsonObject()
        .put("update_id", updateId)
        .put(
            "message",
            new JsonObject()
                .put("message_id", 9)
                .put("date", 1_700_000_000)
                .put("chat", chat)
                .put(
                    "from",
                    new JsonObject().put("id", 555).put("is_bot", false).put("first_name", "A"))
                .put("text", text))
        .toBuffer();
  }

  long count(String sql) {
    return service.count(sql);
  }

  @Test
  void aPersonsTextArrivingByWebhookIsStoredAndAnsweredByTheDialogue() throws Exception {
    assertThat(post(SECRET, update(1, "where can I find a lawyer for free")).statusCode())
        .isEqualTo(200);

    long deadline = System.nanoTime() + 20_000_000_000L;
    while (count("SELECT COUNT(*) FROM outbox") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(count("SELECT COUNT(*) FROM message WHERE direction = 'in'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM message WHERE direction = 'out'")).isPositive();
    assertThat(count("SELECT COUNT(*) FROM outbox")).isPositive();
  }

  @Test
  void theWebhookRefusesStrangersAndOversizedBodies() {
    assertThat(post("guess", update(2, "hello")).statusCode()).isEqualTo(401);
    assertThat(post(SECRET, Buffer.buffer(new byte[8192])).statusCode()).isEqualTo(413);
    assertThat(post(SECRET, Buffer.buffer("{not json")).statusCode()).isEqualTo(400);
  }
}

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole service in Telegram webhook mode, Telegram's servers stood in by a {@link
 * TelegramStandIn}, and a client of the test's own on the service's port: what every test that
 * plays Telegram starts from.
 */
final class WebhookService implements AutoCloseable {
  static final String SECRET = "webhook-secret";

  final TelegramStandIn telegram;
  final TestService service;
  final Vertx vertx;
  final WebClient client;

  private WebhookService(TelegramStandIn telegram, TestService service, PoolOptions pool) {
    this.telegram = telegram;
    this.service = service;
    this.vertx = Vertx.vertx();
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(service.port()),
            pool);
  }

  static WebhookService start(Path dataDir) {
    return start(dataDir, Map.of(), new PoolOptions());
  }

  static WebhookService start(Path dataDir, Map<String, String> extra) {
    return start(dataDir, extra, new PoolOptions());
  }

  /** {@code extra} settings go over the webhook ones; {@code pool} sizes the test's client. */
  static WebhookService start(Path dataDir, Map<String, String> extra, PoolOptions pool) {
    TelegramStandIn telegram = new TelegramStandIn();
    try {
      Map<String, String> settings = new HashMap<>();
      settings.put("SELAM_TELEGRAM_TOKEN", "42:test");
      settings.put("SELAM_TELEGRAM_MODE", "webhook");
      settings.put("SELAM_TELEGRAM_WEBHOOK_SECRET", SECRET);
      settings.put("SELAM_TELEGRAM_API_URL", telegram.url());
      settings.putAll(extra);
      return new WebhookService(telegram, TestService.start(dataDir, settings), pool);
    } catch (RuntimeException | Error e) {
      telegram.close();
      throw e;
    }
  }

  int port() {
    return service.port();
  }

  /** Posts an update as Telegram does, with the secret. */
  Future<HttpResponse<Buffer>> post(JsonObject update) {
    return client
        .post("/telegram/webhook")
        .putHeader("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .sendBuffer(Buffer.buffer(update.encode()));
  }

  /** Posts an update and checks the service took it (200: stored durably). */
  void webhook(JsonObject update) {
    assertThat(post(update).await().statusCode()).as("webhook answer").isEqualTo(200);
  }

  /** The first column of the first row of a query on the service's database. */
  long count(String sql) {
    return service.count(sql);
  }

  @Override
  public void close() {
    try {
      client.close();
      vertx.close().await();
      service.close();
    } finally {
      telegram.close();
    }
  }
}

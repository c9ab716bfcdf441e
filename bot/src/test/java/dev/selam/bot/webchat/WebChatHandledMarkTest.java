package dev.selam.bot.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.channel.InboundHandler;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.identity.IdentityFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web chat message is marked handled by the handler's own transaction: marked exactly when what
 * it led to is committed, so a failure after the mark leaves it to be handled again and a repeat
 * after the commit is not handled twice.
 */
class WebChatHandledMarkTest {
  Vertx vertx;
  IdentityFixture fixture;
  HttpServer server;
  WebClient client;
  final AtomicReference<InboundHandler> handler = new AtomicReference<>();

  @BeforeEach
  void start(@TempDir Path dir) {
    vertx = Vertx.vertx();
    fixture = new IdentityFixture(vertx, dir);
    fixture
        .db
        .pool()
        .query("CREATE TABLE handled_work (update_id BIGINT PRIMARY KEY)")
        .execute()
        .await();
    byte[] key = new byte[32];
    WebChatChannel channel =
        new WebChatChannel(
            vertx,
            new WebChatSettings(
                true,
                List.of(),
                URI.create(WebChatSettings.DEFAULT_EXIT_URL),
                2000,
                1000,
                1000,
                1000),
            fixture.db.pool(),
            IdentityFixture.cipher(),
            new Pseudonymizer(key),
            ChannelTexts.englishOnly(),
            message -> handler.get().handle(message));
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    channel.mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close().await();
    fixture.close();
    vertx.close().await();
  }

  /** Marks the message and records one row of work in one transaction, then fails if told to. */
  InboundHandler storing(boolean failAfterMark) {
    return message ->
        fixture
            .db
            .pool()
            .withTransaction(
                tx ->
                    message
                        .handledMark()
                        .mark(tx)
                        .compose(
                            first ->
                                !first
                                    ? Future.<Void>succeededFuture()
                                    : tx.preparedQuery(
                                            "INSERT INTO handled_work (update_id) VALUES (?)")
                                        .execute(Tuple.of(message.updateId()))
                                        .compose(
                                            v ->
                                                failAfterMark
                                                    ? Future.<Void>failedFuture("after the mark")
                                                    : Future.<Void>succeededFuture())));
  }

  @Test
  void aHandlerFailingAfterItsMarkLeavesTheMessageUnmarkedAndItsRetryIsHandledOnce() {
    String secret = open();
    String key = UUID.randomUUID().toString();

    handler.set(storing(true));
    HttpResponse<Buffer> failed = send(secret, key);
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(count("SELECT COUNT(*) FROM webchat_entry WHERE handled_at IS NOT NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM handled_work")).isZero();

    handler.set(storing(false));
    HttpResponse<Buffer> retried = send(secret, key);
    HttpResponse<Buffer> repeated = send(secret, key);

    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(retried.bodyAsJsonObject().getBoolean("repeated")).isFalse();
    assertThat(repeated.bodyAsJsonObject().getBoolean("repeated")).isTrue();
    assertThat(count("SELECT COUNT(*) FROM handled_work")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM webchat_entry WHERE handled_at IS NOT NULL"))
        .isEqualTo(1);
  }

  @Test
  void theEntryIsMarkedByTheHandlersCommitEvenIfTheProcessStopsRightAfterIt() throws Exception {
    String secret = open();
    // commits, then never answers: as a process killed between the commit and anything after it
    InboundHandler committing = storing(false);
    handler.set(
        message -> committing.handle(message).compose(v -> Promise.<Void>promise().future()));

    client
        .post("/chat/api/messages")
        .putHeader("Authorization", "Bearer " + secret)
        .putHeader("Content-Type", "application/json")
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .timeout(60_000)
        .sendBuffer(new JsonObject().put("text", "hello").put("language", "en").toBuffer());
    for (int i = 0; i < 200 && count("SELECT COUNT(*) FROM handled_work") == 0; i++) {
      Thread.sleep(25);
    }

    assertThat(count("SELECT COUNT(*) FROM handled_work")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM webchat_entry WHERE handled_at IS NOT NULL"))
        .isEqualTo(1);
  }

  @Test
  void aHandlerThatStoresNothingIsMarkedByTheChannelAfterIt() {
    String secret = open();
    handler.set(message -> Future.succeededFuture());

    assertThat(send(secret, UUID.randomUUID().toString()).statusCode()).isEqualTo(200);

    assertThat(count("SELECT COUNT(*) FROM webchat_entry WHERE handled_at IS NOT NULL"))
        .isEqualTo(1);
  }

  String open() {
    HttpResponse<Buffer> opened = client.post("/chat/api/conversations").send().await();
    assertThat(opened.statusCode()).isEqualTo(201);
    return opened.bodyAsJsonObject().getString("secret");
  }

  HttpResponse<Buffer> send(String secret, String key) {
    return client
        .post("/chat/api/messages")
        .putHeader("Authorization", "Bearer " + secret)
        .putHeader("Content-Type", "application/json")
        .putHeader("Idempotency-Key", key)
        .sendBuffer(new JsonObject().put("text", "hello").put("language", "en").toBuffer())
        .await();
  }

  long count(String sql) {
    return fixture.db.pool().query(sql).execute().await().iterator().next().getLong(0);
  }
}

package dev.selam.bot.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.dispatch.DispatchPolicy;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Everything a Telegram test needs: a fresh database (H2 or PostgreSQL), WireMock standing in for
 * the Bot API, and a channel wired to both, behind a real HTTP server with the service's
 * BodyHandler.
 */
final class TelegramFixture implements AutoCloseable {
  static final String TOKEN = "123456:TEST-token_abc";
  static final String SECRET = "s3cret-Token_for-tests";
  static final int BODY_LIMIT = 16 * 1024;

  final TestDatabase testDb;
  final Vertx vertx = Vertx.vertx();
  final WireMockServer telegram = new WireMockServer(options().dynamicPort());
  final Database database;
  final FieldCipher cipher;
  final Pseudonymizer pseudonymizer;
  final ConversationStore conversations;
  final List<InboundMessage> handled = Collections.synchronizedList(new ArrayList<>());
  Function<InboundMessage, Future<Void>> behaviour = message -> Future.succeededFuture();
  UpdateProcessor.Policy processorPolicy = fastProcessor();
  TelegramChannel channel;
  HttpServer server;
  WebClient client;

  TelegramFixture(Path tempDir) {
    this(TestDatabase.create(tempDir));
  }

  /** On an existing database: a "restarted service". */
  TelegramFixture(TestDatabase testDb) {
    this.testDb = testDb;
    telegram.start();
    stubDefaults();
    database = Database.open(vertx, testDb.settings()).await();
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) 7); // fixed: a restarted fixture reads the old rows
    cipher = new FieldCipher(new KeyRing(List.of(DataKey.of("t1", key))));
    pseudonymizer = new Pseudonymizer(key);
    conversations =
        new ConversationStore(database.pool(), cipher, pseudonymizer, Clock.systemUTC());
  }

  static DispatchPolicy fastPolicy() {
    return DispatchPolicy.telegram()
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .withSendTimeout(Duration.ofSeconds(5));
  }

  static UpdateProcessor.Policy fastProcessor() {
    return new UpdateProcessor.Policy(1000, 16, 3, Duration.ofMillis(10));
  }

  TelegramSettings settings(TelegramSettings.Mode mode) {
    Map<String, String> env = new HashMap<>();
    env.put(TelegramSettings.TOKEN, TOKEN);
    env.put(TelegramSettings.MODE, mode.name().toLowerCase(java.util.Locale.ROOT));
    env.put(TelegramSettings.WEBHOOK_SECRET, SECRET);
    env.put(TelegramSettings.API_URL, "http://127.0.0.1:" + telegram.port());
    return TelegramSettings.from(Settings.of(env)).orElseThrow();
  }

  InboundHandler recordingHandler() {
    return message -> {
      handled.add(message);
      return behaviour.apply(message);
    };
  }

  /** A webhook channel with its HTTP server, not started (nothing polls or dispatches yet). */
  TelegramFixture webhookChannel(DispatchPolicy dispatch, Clock clock) {
    channel =
        new TelegramChannel(
            vertx,
            settings(TelegramSettings.Mode.WEBHOOK),
            database,
            cipher,
            pseudonymizer,
            texts(),
            recordingHandler(),
            dispatch,
            processorPolicy,
            clock);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    channel.mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
    return this;
  }

  TelegramFixture pollingChannel(DispatchPolicy dispatch, Clock clock) {
    channel =
        new TelegramChannel(
            vertx,
            settings(TelegramSettings.Mode.POLLING),
            database,
            cipher,
            pseudonymizer,
            texts(),
            recordingHandler(),
            dispatch,
            processorPolicy,
            clock);
    return this;
  }

  TelegramFixture start() {
    channel.start(Optional.empty()).await();
    return this;
  }

  static ChannelTexts texts() {
    return new ChannelTexts(
        (language, key) -> "[" + language + "] " + key, List.of("en", "tr", "ar"), "en");
  }

  HttpResponse<Buffer> postUpdate(String json) {
    return postUpdate(Buffer.buffer(json), SECRET);
  }

  HttpResponse<Buffer> postUpdate(Buffer body, String secret) {
    var request = client.post(TelegramWebhook.PATH).putHeader("Content-Type", "application/json");
    if (secret != null) {
      request.putHeader(TelegramWebhook.SECRET_HEADER, secret);
    }
    return request.sendBuffer(body).await();
  }

  // --- Telegram stand-in

  /**
   * A Bot API method's URL. TelegramBots writes some method names in lower case (sendmessage);
   * Telegram reads them case-insensitively, and so does this stand-in.
   */
  static com.github.tomakehurst.wiremock.matching.UrlPattern path(String method) {
    return urlMatching("/bot" + java.util.regex.Pattern.quote(TOKEN) + "/(?i)" + method);
  }

  void stubDefaults() {
    telegram.resetAll();
    telegram.stubFor(post((path("sendMessage"))).willReturn(okJson(sentMessage(501))));
    for (String method :
        List.of(
            "deleteMessages",
            "answerCallbackQuery",
            "setMyCommands",
            "deleteWebhook",
            "setWebhook")) {
      telegram.stubFor(post((path(method))).willReturn(okJson("{\"ok\":true,\"result\":true}")));
    }
    telegram.stubFor(
        post((path("getUpdates")))
            .willReturn(okJson("{\"ok\":true,\"result\":[]}").withFixedDelay(200)));
  }

  void stub(MappingBuilder mapping) {
    telegram.stubFor(mapping);
  }

  static String sentMessage(int messageId) {
    return "{\"ok\":true,\"result\":{\"message_id\":"
        + messageId
        + ",\"date\":1700000000,\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"x\"}}";
  }

  static String error(int code, String description) {
    return "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\"}";
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tooManyRequests(
      int retryAfter) {
    return aResponse()
        .withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                + retryAfter
                + "\",\"parameters\":{\"retry_after\":"
                + retryAfter
                + "}}");
  }

  List<LoggedRequest> requests(String method) {
    return telegram.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor((path(method))));
  }

  // --- database

  long count(String sql) {
    try (Connection c = testDb.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> strings(String sql) {
    List<String> values = new ArrayList<>();
    try (Connection c = testDb.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  /** Waits for something asynchronous to have happened; fails after a generous while. */
  static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** As if the process were killed: nothing is stopped in order, the data stays. */
  void crash() {
    if (client != null) {
      client.close();
    }
    vertx.close().await();
    database.close();
    telegram.stop();
  }

  /** Closes the channel and the database but keeps the data: the next fixture "restarts". */
  void stopKeepingData() {
    telegram
        .findAllUnmatchedRequests()
        .forEach(r -> System.out.println("UNMATCHED " + r.getUrl() + " " + r.getBodyAsString()));
    if (channel != null) {
      channel.close().await();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close().await();
    }
    database.close();
    vertx.close().await();
    telegram.stop();
  }

  @Override
  public void close() {
    stopKeepingData();
    testDb.close();
  }
}

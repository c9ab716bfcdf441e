package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web chat's API on the whole service without Telegram: limits, bad input, forged secrets,
 * idempotent retries, erasure, and the embedding headers. One service for all (it takes seconds to
 * start); every test opens its own conversation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebChatApiTest {
  static final String EMBEDDER = "https://ngo.example.org";

  TestService service;
  Vertx clientVertx;
  WebClient client;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    service =
        TestService.start(
            dataDir,
            Map.of(
                "SELAM_WEBCHAT_CONVERSATION_PER_MINUTE", "6",
                "SELAM_WEBCHAT_ADDRESS_PER_MINUTE", "10000",
                "SELAM_WEBCHAT_NEW_PER_HOUR", "10000",
                "SELAM_WEBCHAT_MAX_MESSAGE_CHARS", "300",
                "SELAM_WEBCHAT_ALLOWED_ORIGINS", EMBEDDER));
    client = service.client();
    clientVertx = service.clientVertx();
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void aQuestionIsAnsweredAndARetryWithTheSameKeyIsStoredOnce() throws Exception {
    String secret = open();
    String key = UUID.randomUUID().toString();
    JsonObject body =
        new JsonObject().put("text", "where can I see a doctor for free").put("language", "en");

    HttpResponse<Buffer> first = post("messages", secret, key, body);
    HttpResponse<Buffer> retry = post("messages", secret, key, body);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.bodyAsJsonObject().getLong("id"))
        .isEqualTo(first.bodyAsJsonObject().getLong("id"));
    assertThat(retry.bodyAsJsonObject().getBoolean("repeated")).isTrue();
    JsonObject batch = pollUntil(secret, b -> fromService(b) > 0);
    assertThat(fromPerson(batch)).isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM message WHERE direction = 'in'"
                    + " AND conversation_id IN (SELECT v.id FROM conversation v JOIN contact c"
                    + " ON c.id = v.contact_id WHERE c.channel = 'webchat')"))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM webchat_entry WHERE direction = 'in' AND client_key = 'p:"
                    + key
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void theGreetingSpeaksOfThisPageNotOfTelegram() throws Exception {
    String secret = open();

    post("commands", secret, "k-greet-01", new JsonObject().put("command", "start"));

    JsonObject batch = pollUntil(secret, b -> fromService(b) >= 3);
    assertThat(batch.encode()).doesNotContain("Telegram").contains("Quick exit");
  }

  @Test
  void anOpenEventStreamCarriesRepliesAsTheyAreDelivered() throws Exception {
    String secret = open();
    StringBuffer received = new StringBuffer();
    io.vertx.core.http.HttpClient http = clientVertx.createHttpClient();
    try {
      http.request(
              io.vertx.core.http.HttpMethod.GET,
              service.port(),
              "127.0.0.1",
              "/chat/api/events?after=0")
          .compose(request -> request.putHeader("Authorization", "Bearer " + secret).send())
          .onSuccess(response -> response.handler(chunk -> received.append(chunk.toString())))
          .await();

      post("commands", secret, "k-live-001", new JsonObject().put("command", "help"));

      for (int i = 0; i < 100 && !received.toString().contains("\"from\":\"service\""); i++) {
        Thread.sleep(50);
      }
      assertThat(received.toString())
          .startsWith(": open")
          .contains("data: {")
          .contains("\"from\":\"service\"");
    } finally {
      http.close().await();
    }
  }

  @Test
  void thePageSpeaksSixLanguagesPersianAndArabicRightToLeft() {
    JsonObject persian = client.get("/chat/api/texts/fa").send().await().bodyAsJsonObject();
    JsonObject unknown = client.get("/chat/api/texts/xx").send().await().bodyAsJsonObject();

    assertThat(persian.getString("dir")).isEqualTo("rtl");
    assertThat(persian.getJsonObject("texts").getString("exit")).isEqualTo("خروج سریع");
    assertThat(
            persian.getJsonArray("languages").stream().map(l -> ((JsonObject) l).getString("code")))
        .containsExactlyInAnyOrder("en", "tr", "ar", "ru", "fa", "uk");
    assertThat(unknown.getString("language")).isEqualTo("en");
    assertThat(unknown.getString("dir")).isEqualTo("ltr");
  }

  @Test
  void missingMalformedAndUnknownSecretsAllGetTheSameRefusal() {
    JsonObject body = new JsonObject().put("text", "hello");
    HttpResponse<Buffer> missing =
        client
            .post("/chat/api/messages")
            .putHeader("Idempotency-Key", "abcdefgh12")
            .sendJsonObject(body)
            .await();
    HttpResponse<Buffer> malformed = post("messages", "not-a-secret", "abcdefgh12", body);
    HttpResponse<Buffer> unknown = post("messages", "A".repeat(43), "abcdefgh12", body);
    HttpResponse<Buffer> unknownPoll =
        client
            .get("/chat/api/messages")
            .putHeader("Authorization", "Bearer " + "B".repeat(43))
            .send()
            .await();

    for (HttpResponse<Buffer> refused :
        java.util.List.of(missing, malformed, unknown, unknownPoll)) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.bodyAsString()).isEqualTo(missing.bodyAsString());
    }
    assertThat(missing.bodyAsJsonObject().getString("code")).isEqualTo("unknown_conversation");
  }

  @Test
  void badInputGetsAClear4xxAndStoresNothing() throws Exception {
    String secret = open();
    byte[] invalidUtf8 = {
      '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
    };

    HttpResponse<Buffer> tooLong =
        post("messages", secret, "k-long-001", new JsonObject().put("text", "a".repeat(301)));
    HttpResponse<Buffer> huge =
        send(
            "messages",
            secret,
            "k-huge-001",
            Buffer.buffer("{\"text\":\"" + "b".repeat(20_000) + "\"}"));
    HttpResponse<Buffer> notUtf8 =
        send("messages", secret, "k-utf8-001", Buffer.buffer(invalidUtf8));
    HttpResponse<Buffer> notJson =
        send("messages", secret, "k-json-001", Buffer.buffer("text=hello"));
    HttpResponse<Buffer> control =
        post("messages", secret, "k-ctrl-001", new JsonObject().put("text", "hi\u0000there"));
    HttpResponse<Buffer> noKey =
        client
            .post("/chat/api/messages")
            .putHeader("Authorization", "Bearer " + secret)
            .sendJsonObject(new JsonObject().put("text", "hello"))
            .await();
    HttpResponse<Buffer> unknownCommand =
        post("commands", secret, "k-cmd-0001", new JsonObject().put("command", "shutdown"));

    assertThat(tooLong.statusCode()).isEqualTo(413);
    assertThat(tooLong.bodyAsJsonObject().getString("code")).isEqualTo("too_long");
    assertThat(tooLong.bodyAsJsonObject().getInteger("limit")).isEqualTo(300);
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(notUtf8.bodyAsJsonObject().getString("title")).contains("UTF-8");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(control.statusCode()).isEqualTo(400);
    assertThat(noKey.statusCode()).isEqualTo(400);
    assertThat(noKey.bodyAsJsonObject().getString("title")).contains("Idempotency-Key");
    assertThat(unknownCommand.statusCode()).isEqualTo(400);
    assertThat(poll(secret, 0).getJsonArray("entries")).isEmpty();
  }

  @Test
  void markupInAMessageIsKeptAsTextNotMarkup() throws Exception {
    String secret = open();
    String markup = "<img src=x onerror=alert(1)> <b>bold</b> & <script>steal()</script>";

    HttpResponse<Buffer> sent =
        post("messages", secret, "k-markup-01", new JsonObject().put("text", markup));

    assertThat(sent.statusCode()).isEqualTo(200);
    JsonObject batch = pollUntil(secret, b -> fromService(b) > 0);
    JsonObject mine =
        entries(batch).stream()
            .map(JsonObject.class::cast)
            .filter(e -> "person".equals(e.getString("from")))
            .findFirst()
            .orElseThrow();
    assertThat(mine.getString("text")).isEqualTo(markup);
    assertThat(mine.containsKey("runs")).isFalse();
  }

  @Test
  void aConversationOverItsRateLimitIsToldToWait() {
    String secret = open();
    int accepted = 0;
    HttpResponse<Buffer> refused = null;
    for (int i = 0; i < 10 && refused == null; i++) {
      HttpResponse<Buffer> r =
          post("commands", secret, "k-rate-" + i + "00", new JsonObject().put("command", "help"));
      if (r.statusCode() == 429) {
        refused = r;
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
        accepted++;
      }
    }

    assertThat(accepted).isEqualTo(6);
    assertThat(refused).isNotNull();
    assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("too_fast");
    // Another conversation is not held back by this one.
    assertThat(
            post("commands", open(), "k-rate-other", new JsonObject().put("command", "help"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aButtonThatWasNeverShownIsRefused() throws Exception {
    String secret = open();
    post("commands", secret, "k-start-001", new JsonObject().put("command", "start"));
    JsonObject batch = pollUntil(secret, b -> fromService(b) > 0);
    long shownId = entries(batch).getJsonObject(0).getLong("id");

    HttpResponse<Buffer> forged =
        post(
            "presses",
            secret,
            "k-forge-01",
            new JsonObject().put("messageId", shownId).put("data", "erase:yes"));

    assertThat(forged.statusCode()).isEqualTo(409);
    assertThat(forged.bodyAsJsonObject().getString("code")).isEqualTo("button_gone");
  }

  @Test
  void erasingDeletesTheConversationFromThePageAndTheDatabase() throws Exception {
    String secret = open();
    post(
        "messages",
        secret,
        "k-erase-01",
        new JsonObject().put("text", "I need help with my residence permit"));
    post("commands", secret, "k-erase-02", new JsonObject().put("command", "erase"));
    JsonObject batch = pollUntil(secret, b -> button(b, "erase:yes") != null);
    long question = button(batch, "erase:yes");

    HttpResponse<Buffer> yes =
        post(
            "presses",
            secret,
            "k-erase-03",
            new JsonObject().put("messageId", question).put("data", "erase:yes"));

    assertThat(yes.statusCode()).isEqualTo(200);
    JsonObject after =
        pollUntil(secret, b -> b.getJsonArray("present").size() == 1 && fromService(b) == 1);
    JsonObject confirmation = entries(after).getJsonObject(0);
    assertThat(confirmation.getString("from")).isEqualTo("service");
    assertThat(after.getJsonArray("present").getLong(0)).isEqualTo(confirmation.getLong("id"));
    assertThat(
            count(
                "SELECT COUNT(*) FROM message m JOIN conversation v ON v.id = m.conversation_id"
                    + " JOIN contact c ON c.id = v.contact_id WHERE c.erased_at IS NOT NULL AND c.channel = 'webchat'"
                    + " AND m.body IS NOT NULL"))
        .isZero();
  }

  @Test
  void onlyTheChatMayBeFramedAndOnlyByTheConfiguredOrigin() {
    HttpResponse<Buffer> chat = client.get("/chat").send().await();
    HttpResponse<Buffer> console = client.get("/").send().await();
    HttpResponse<Buffer> preflight =
        client
            .request(io.vertx.core.http.HttpMethod.OPTIONS, "/chat/api/messages")
            .putHeader("Origin", EMBEDDER)
            .putHeader("Access-Control-Request-Method", "POST")
            .send()
            .await();
    HttpResponse<Buffer> stranger =
        client
            .request(io.vertx.core.http.HttpMethod.OPTIONS, "/chat/api/messages")
            .putHeader("Origin", "https://elsewhere.example")
            .send()
            .await();

    assertThat(chat.getHeader("Content-Security-Policy"))
        .contains("frame-ancestors 'self' " + EMBEDDER);
    assertThat(chat.getHeader("X-Frame-Options")).isNull();
    assertThat(console.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(console.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo(EMBEDDER);
    assertThat(preflight.getHeader("Access-Control-Allow-Headers")).contains("Idempotency-Key");
    assertThat(stranger.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void thePageAndItsAssetsStayUnder100KilobytesWithNoInlineScript() {
    String page = client.get("/chat").send().await().bodyAsString();
    long total = page.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    java.util.regex.Matcher refs =
        java.util.regex.Pattern.compile("(?:src|href)=\"(/chat/assets/[^\"]+)\"").matcher(page);
    int assets = 0;
    while (refs.find()) {
      HttpResponse<Buffer> asset = client.get(refs.group(1)).send().await();
      assertThat(asset.statusCode()).as(refs.group(1)).isEqualTo(200);
      total += asset.body().length();
      assets++;
    }

    assertThat(assets).isEqualTo(3);
    assertThat(total).isLessThan(100 * 1024);
    assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    assertThat(page).doesNotContainPattern("(?i)traffick|hotline");
    assertThat(page).contains("href=\"" + "https://www.bbc.com/weather" + "\"");
  }

  // --- helpers ---

  String open() {
    HttpResponse<Buffer> opened = client.post("/chat/api/conversations").send().await();
    assertThat(opened.statusCode()).isEqualTo(201);
    return opened.bodyAsJsonObject().getString("secret");
  }

  HttpResponse<Buffer> post(String path, String secret, String key, JsonObject body) {
    return send(path, secret, key, body.toBuffer());
  }

  HttpResponse<Buffer> send(String path, String secret, String key, Buffer body) {
    HttpRequest<Buffer> request =
        client
            .post("/chat/api/" + path)
            .putHeader("Authorization", "Bearer " + secret)
            .putHeader("Content-Type", "application/json")
            .putHeader("Idempotency-Key", key);
    return request.sendBuffer(body).await();
  }

  JsonObject poll(String secret, long after) {
    HttpResponse<Buffer> r =
        client
            .get("/chat/api/messages?after=" + after)
            .putHeader("Authorization", "Bearer " + secret)
            .send()
            .await();
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  JsonObject pollUntil(String secret, Predicate<JsonObject> done) throws InterruptedException {
    JsonObject batch = poll(secret, 0);
    for (int i = 0; i < 100 && !done.test(batch); i++) {
      Thread.sleep(50);
      batch = poll(secret, 0);
    }
    assertThat(done.test(batch)).as("web chat entries: %s", batch).isTrue();
    return batch;
  }

  static JsonArray entries(JsonObject batch) {
    return batch.getJsonArray("entries");
  }

  static long fromService(JsonObject batch) {
    return entries(batch).stream()
        .map(JsonObject.class::cast)
        .filter(e -> "service".equals(e.getString("from")))
        .count();
  }

  static long fromPerson(JsonObject batch) {
    return entries(batch).stream()
        .map(JsonObject.class::cast)
        .filter(e -> "person".equals(e.getString("from")))
        .count();
  }

  /** The id of the message showing a button with this data, or null. */
  static Long button(JsonObject batch, String data) {
    for (Object e : entries(batch)) {
      JsonObject entry = (JsonObject) e;
      JsonArray rows = entry.getJsonArray("buttons");
      if (rows != null && rows.encode().contains("\"data\":\"" + data + "\"")) {
        return entry.getLong("id");
      }
    }
    return null;
  }

  long count(String sql) {
    return service.count(sql);
  }
}

package dev.selam.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.selam.core.config.Settings;
import dev.selam.core.identity.Role;
import dev.selam.core.storage.TestDatabase;
import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleStatus;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on loopback over one PostgreSQL, their event buses clustered with Hazelcast: replica
 * A is a separate JVM (so it can be killed for real), replica B runs in this one (so the test can
 * publish through its knowledge base). An operator watches B through the console's live socket.
 * WireMock is Telegram.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasTest {
  private static final String SECRET = "replicas-secret";
  private static final String TOKEN = "77:replicas";
  private static final Duration SEND_DELAY = Duration.ofMillis(200);
  private static final String SESSION_COOKIE = "__Host-selam-session";

  @TempDir static Path tmp;
  TestDatabase database;
  WireMockServer telegram;
  Process replicaA;
  int portA;
  SelamService replicaB;
  final HttpClient http = HttpClient.newHttpClient();
  final AtomicLong updateIds = new AtomicLong(1000);

  @BeforeAll
  void startTwoReplicas() throws Exception {
    assumeTrue(TestDatabase.postgres(), "replicas share PostgreSQL: set SELAM_TEST_DB_URL");
    database = TestDatabase.create(tmp);
    telegram = new WireMockServer(options().dynamicPort().containerThreads(64));
    telegram.start();
    telegram.stubFor(
        post(urlMatching("/bot.*/(?i)sendMessage"))
            .atPriority(1)
            .willReturn(
                okJson(
                        "{\"ok\":true,\"result\":{\"message_id\":700,\"date\":1700000000,"
                            + "\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"x\"}}")
                    .withFixedDelay((int) SEND_DELAY.toMillis())));
    telegram.stubFor(
        post(urlMatching("/bot.*"))
            .atPriority(10)
            .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true,\"result\":true}")));

    int hazelcastA = freePort();
    int hazelcastB = freePort();
    portA = freePort();
    Map<String, String> shared = TestService.settingsFor(database, tmp.resolve("a"));
    shared.putAll(
        Map.of(
            "SELAM_TELEGRAM_TOKEN",
            TOKEN,
            "SELAM_TELEGRAM_MODE",
            "webhook",
            "SELAM_TELEGRAM_WEBHOOK_SECRET",
            SECRET,
            "SELAM_TELEGRAM_API_URL",
            "http://127.0.0.1:" + telegram.port(),
            "SELAM_CLUSTER",
            "hazelcast",
            "SELAM_CLUSTER_HOST",
            "127.0.0.1",
            "SELAM_CLUSTER_BUS_PORT",
            "0",
            "SELAM_CLUSTER_MEMBERS",
            "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB));
    // Two languages load the language models in a fraction of the time all six take.
    shared.put("SELAM_LANGUAGES", "en,tr");
    // Operators sign in with a password alone here: the second factor is not what is tested.
    shared.put("SELAM_TOTP_REQUIRED", "false");

    Map<String, String> a = new HashMap<>(shared);
    a.put("SELAM_HTTP_PORT", String.valueOf(portA));
    a.put("SELAM_CLUSTER_PORT", String.valueOf(hazelcastA));
    replicaA = launch(a, tmp.resolve("replica-a.log"));
    // A starts first and so takes the lease; B starts once it has.
    waitUntil(Duration.ofSeconds(90), () -> status(portA, "/ready") == 200);
    waitUntil(Duration.ofSeconds(10), () -> advisoryLocksHeld() == 1);

    Map<String, String> b = new HashMap<>(shared);
    b.put("SELAM_HTTP_PORT", "0");
    b.put("SELAM_DATA_DIR", tmp.resolve("b").toString());
    b.put("SELAM_CLUSTER_PORT", String.valueOf(hazelcastB));
    replicaB = SelamService.start(Settings.of(b));
  }

  @AfterAll
  void stop() {
    if (replicaB != null) {
      replicaB.close();
    }
    if (replicaA != null) {
      replicaA.destroyForcibly();
    }
    if (telegram != null) {
      telegram.stop();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  @Order(1)
  void anEscalationRaisedThroughReplicaAsWebhookAppearsLiveOnAnOperatorsSocketOnReplicaB()
      throws Exception {
    // Given an operator signed in on B, with the console's live socket open on B,
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocket socket = liveSocket(replicaB.port(), signIn(replicaB.port(), "olcay"), frames);
    try {
      assertThat(nextFrame(frames, "hello")).isNotNull();

      // when a risky message reaches A's webhook,
      assertThat(webhook(portA, 2001, "they don't let us go out of the flat")).isEqualTo(200);

      // then the escalation A opened arrives on B's socket, without the person's words.
      JsonObject opened = nextFrame(frames, "escalation.opened");
      assertThat(opened).as("an escalation.opened frame on B's socket").isNotNull();
      JsonObject escalation = opened.getJsonObject("escalation");
      assertThat(
              count(
                  "SELECT COUNT(*) FROM escalation WHERE id = ? AND conversation_id = ?",
                  escalation.getString("id"),
                  escalation.getString("conversation")))
          .as("the frame names the escalation stored for that conversation")
          .isEqualTo(1);
      assertThat(opened.encode()).doesNotContain("flat").doesNotContain("go out");
    } finally {
      socket.abort();
    }
  }

  @Test
  @Order(2)
  void anArticlePublishedOnReplicaBChangesReplicaAsAnswers() throws Exception {
    assertThat(webhook(portA, 2002, "quillwort numbers")).isEqualTo(200);
    waitUntil(Duration.ofSeconds(30), () -> !sentTo(2002).isEmpty());
    assertThat(sentTo(2002)).noneMatch(r -> r.getBodyAsString().contains("Quillwort"));

    Article current = replicaB.knowledge().article("emergency-numbers", "en").await().orElseThrow();
    Article edited =
        new Article(
            current.topic(),
            "en",
            "Quillwort card of numbers",
            current.body(),
            Stream.concat(current.keywords().stream(), Stream.of("quillwort")).toList(),
            current.questions(),
            ArticleStatus.PUBLISHED,
            0,
            false,
            "");
    replicaB.knowledge().save(edited, current.version(), "edited", "replicas-test").await();

    // A hears of it on the event bus and updates its own index: asynchronously, so ask again
    // (from new chats) until its answer shows the new title.
    AtomicLong chat = new AtomicLong(2100);
    waitUntil(
        Duration.ofSeconds(30),
        () -> {
          long asking = chat.incrementAndGet();
          try {
            webhook(portA, asking, "quillwort numbers");
            Thread.sleep(2_000);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return java.util.stream.LongStream.rangeClosed(2101, asking)
              .anyMatch(
                  c ->
                      sentTo(c).stream()
                          .anyMatch(r -> r.getBodyAsString().contains("Quillwort card")));
        },
        () -> "asked from chats 2101.." + chat.get());
  }

  @Test
  @Order(3)
  void killingTheLeaseHolderMovesDispatchToTheOtherWithoutLosingOrRepeatingMessages()
      throws Exception {
    // Given many replies on their way, paced at one a second per chat: updates arrive at B,
    // which stores them and leaves them to the lease holder, A.
    List<String> questions =
        List.of(
            "where can I find a lawyer for free",
            "how do I renew my residence permit",
            "how can I see a doctor",
            "can my children go to school",
            "I lost my passport what now",
            "how do I register my address");
    for (String question : questions) {
      for (int chat = 3001; chat <= 3005; chat++) {
        assertThat(webhook(replicaB.port(), chat, question)).isEqualTo(200);
      }
    }
    waitUntil(
        Duration.ofSeconds(60),
        () -> count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") >= 8);
    long sentBeforeKill = sendMessages().size();
    long pendingBeforeKill = count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'");
    assertThat(pendingBeforeKill).as("replies still to send when A dies").isPositive();

    // When A dies mid-dispatch,
    Instant killed = Instant.now();
    replicaA.destroyForcibly().waitFor();
    // A may still send in the moment between the order and its death: those sends are A's
    Instant died = Instant.now();

    // then B handles what A left and sends the rest, within seconds,
    waitUntil(
        Duration.ofSeconds(60),
        () ->
            count("SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NULL") == 0
                && count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0);
    List<LoggedRequest> all = sendMessages();
    Instant firstAfterKill =
        all.stream()
            .map(r -> r.getLoggedDate().toInstant())
            .filter(t -> t.isAfter(died))
            .min(Instant::compareTo)
            .orElseThrow(() -> new AssertionError("nothing was sent after A died"));
    Duration takeover = Duration.between(died, firstAfterKill);
    System.out.printf(
        "lease moved: first send %d ms after the kill; %d sent before, %d pending then%n",
        takeover.toMillis(), sentBeforeKill, pendingBeforeKill);
    assertThat(takeover).isLessThan(Duration.ofSeconds(10));

    // every row once, and a second copy only of a send that was in flight when A died.
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'")).isZero();
    long rows = count("SELECT COUNT(*) FROM outbox WHERE kind = 'send_message'");
    long inFlightAtKill =
        all.stream()
            .map(r -> r.getLoggedDate().toInstant())
            .filter(t -> !t.isAfter(died) && t.isAfter(killed.minus(SEND_DELAY).minusSeconds(1)))
            .count();
    assertThat(all.size()).isGreaterThanOrEqualTo((int) rows);
    assertThat(all.size() - rows).isLessThanOrEqualTo(inFlightAtKill);
  }

  // --- helpers

  /** Creates an operator on the shared database and signs in on a replica: the session cookie. */
  private String signIn(int port, String username) throws Exception {
    try (TestStaff staff = new TestStaff(replicaB.vertx(), database.settings())) {
      staff.create(username, Role.OPERATOR);
    }
    String body =
        new JsonObject().put("username", username).put("password", TestStaff.PASSWORD).encode();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/session"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().allValues("Set-Cookie").stream()
        .map(cookie -> cookie.split(";", 2)[0])
        .filter(cookie -> cookie.startsWith(SESSION_COOKIE + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie: " + response.headers()));
  }

  /** Opens the console's live socket as the console's own page would, collecting its frames. */
  private WebSocket liveSocket(int port, String cookie, BlockingQueue<JsonObject> frames) {
    String host = "127.0.0.1:" + port;
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              frames.add(new JsonObject(text.toString()));
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }
        };
    return http.newWebSocketBuilder()
        .header("Cookie", cookie)
        .header("Origin", "http://" + host)
        .buildAsync(URI.create("ws://" + host + "/api/live"), listener)
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
  }

  /** The next frame of a type, skipping others; null if none comes within 30 seconds. */
  private static JsonObject nextFrame(BlockingQueue<JsonObject> frames, String type)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonObject frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (frame == null || type.equals(frame.getString("type"))) {
        return frame;
      }
    }
  }

  private static Process launch(Map<String, String> env, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(new File("/dev/null"));
    builder.environment().keySet().removeIf(k -> k.startsWith("SELAM_"));
    builder.environment().putAll(env);
    builder.environment().put("SELAM_LOG_FORMAT", "plain");
    return builder.start();
  }

  private int webhook(int port, long chat, String text) throws Exception {
    JsonObject from =
        new JsonObject()
            .put("id", chat)
            .put("is_bot", false)
            .put("first_name", "R")
            .put("language_code", "en");
    String body =
        new JsonObject()
            .put("update_id", updateIds.incrementAndGet())
            .put(
                "message",
                new JsonObject()
                    .put("message_id", updateIds.get())
                    .put("date", 1_700_000_000)
                    .put("chat", new JsonObject().put("id", chat).put("type", "private"))
                    .put("from", from)
                    .put("text", text))
            .encode();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram/webhook"))
            .header("Content-Type", "application/json")
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private int status(int port, String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private List<LoggedRequest> sendMessages() {
    return telegram.findAll(postRequestedFor(urlMatching("/bot.*/(?i)sendMessage")));
  }

  private List<LoggedRequest> sentTo(long chat) {
    List<LoggedRequest> found = new ArrayList<>();
    for (LoggedRequest request : sendMessages()) {
      if (new JsonObject(request.getBodyAsString())
          .getValue("chat_id")
          .toString()
          .equals(String.valueOf(chat))) {
        found.add(request);
      }
    }
    return found;
  }

  private long advisoryLocksHeld() {
    return count("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted");
  }

  private long count(String sql, String... parameters) {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void waitUntil(Duration timeout, BooleanSupplier condition) throws Exception {
    waitUntil(timeout, condition, () -> "");
  }

  private void waitUntil(Duration timeout, BooleanSupplier condition, Supplier<String> state)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String log =
            Files.exists(tmp.resolve("replica-a.log"))
                ? tail(Files.readAllLines(tmp.resolve("replica-a.log")))
                : "";
        throw new AssertionError(
            "condition not met within " + timeout + "; " + state.get() + "\nreplica A:\n" + log);
      }
      Thread.sleep(50);
    }
  }

  private static String tail(List<String> lines) {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service is killed with SIGKILL while 200 people write 1,000 messages, and started again on
 * the same data. Telegram (WireMock) retries every update it got no 200 for, as it does. Nothing
 * acknowledged is lost, every reply is sent, in order per chat, no message is handled twice; only a
 * send in flight at the kill may happen twice.
 */
class CrashRecoveryTest {
  static final int CHATS = 200;
  static final int MESSAGES_PER_CHAT = 5;
  static final int KILL_AFTER_ACKNOWLEDGED = 450;
  // Every chat's first message goes at once; the others wait until this many replies have left
  // (the service warmed up), so the kill cuts the dialogue and the dispatcher mid-work too.
  static final int WARM_AFTER_REPLIES = 40;
  static final String SECRET = "crash-secret";
  static final long FIRST_CHAT = 910_000_000L;
  static final List<String> QUESTIONS =
      List.of(
          "how can I get a work permit",
          "where do I find a doctor who speaks my language",
          "can my children go to school here",
          "what documents do I need for a residence permit",
          "is there a free lawyer for me");

  @TempDir Path dataDir;
  TestDatabase database;
  TelegramStandIn telegram;
  Vertx vertx;
  WebClient client;
  ServiceProcess service;
  final AtomicLong nextUpdateId = new AtomicLong(1);
  final AtomicInteger acknowledged = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();

  /** Per chat: how many of its messages Telegram got a 200 for. */
  final int[] delivered = new int[CHATS];

  /** Per chat: the update id its next message was given (kept for a retry, as Telegram does). */
  final long[] pendingUpdateId = new long[CHATS];

  final Set<Long> acknowledgedIds = ConcurrentHashMap.newKeySet();
  volatile boolean down;
  volatile Future<Void> warm = Future.succeededFuture();

  @BeforeEach
  void setUp() {
    database = TestDatabase.create(dataDir);
    telegram = new TelegramStandIn();
    vertx = Vertx.vertx();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setConnectTimeout(2_000).setIdleTimeout(30).setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(32));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.close();
    }
    client.close();
    vertx.close().await();
    telegram.close();
    database.close();
  }

  @Test
  void killedMidLoadTheServiceLosesNothingAcknowledgedAndAnswersEveryoneInOrder() throws Exception {
    Map<String, String> settings = new HashMap<>(TestService.settingsFor(database, dataDir));
    settings.put("SELAM_TELEGRAM_TOKEN", "42:crash");
    settings.put("SELAM_TELEGRAM_MODE", "webhook");
    settings.put("SELAM_TELEGRAM_WEBHOOK_SECRET", SECRET);
    settings.put("SELAM_TELEGRAM_API_URL", telegram.url());
    settings.put("SELAM_LOG_FORMAT", "plain");
    Path log = dataDir.resolve("service.log");
    long started = System.nanoTime();

    // given the service under load from 200 chats at once
    service = ServiceProcess.start(settings, log);
    long firstStart = System.nanoTime();
    Promise<Void> warmed = Promise.promise();
    warm = warmed.future();
    vertx.setPeriodic(
        100,
        id -> {
          if (telegram.sentMessages().size() >= WARM_AFTER_REPLIES) {
            vertx.cancelTimer(id);
            warmed.tryComplete();
          }
        });
    Future<Void> firstRun = driveAll(service.port);
    until(() -> acknowledged.get() >= KILL_AFTER_ACKNOWLEDGED, 120);

    // when it is killed without warning
    service.kill();
    down = true;
    firstRun.await();
    long killedAt = System.nanoTime();
    int acknowledgedAtKill = acknowledged.get();
    int sentAtKill = telegram.sentMessages().size();
    InFlight inFlight = inFlightAt(settings);

    // and started again on the same data, Telegram retrying what got no 200
    down = false;
    service = ServiceProcess.start(settings, log);
    long restarted = System.nanoTime();
    driveAll(service.port).await();
    assertThat(acknowledged.get()).isEqualTo(CHATS * MESSAGES_PER_CHAT);
    settle();
    long settled = System.nanoTime();
    service.stop();
    service = null;

    // then every acknowledged update was handled and its message stored
    Map<Long, Integer> storedTimes = new HashMap<>();
    try (Connection c = connect(settings);
        Statement s = c.createStatement()) {
      assertThat(count(s, "SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NULL")).isZero();
      assertThat(count(s, "SELECT COUNT(*) FROM inbound_update WHERE outcome = 'handled'"))
          .isEqualTo(CHATS * MESSAGES_PER_CHAT);
      try (ResultSet rs =
          s.executeQuery(
              "SELECT channel_message_id FROM message WHERE direction = 'in'"
                  + " AND channel_message_id IS NOT NULL")) {
        while (rs.next()) {
          storedTimes.merge(rs.getLong(1), 1, Integer::sum);
        }
      }
      assertThat(storedTimes.keySet()).containsAll(acknowledgedIds);
      // every reply written was sent; none failed, none waits
      assertThat(count(s, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'")).isZero();
      // per chat, the person's messages were handled in the order they were written, and the
      // replies were sent in the order they were written (the stand-in's ids grow with time)
      assertThat(misorderedInbound(s)).isZero();
      assertThat(misorderedReplies(s)).isZero();
    }
    List<Long> duplicated =
        storedTimes.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    // an update is marked handled in the transaction that stores its handling: none twice
    assertThat(duplicated).as("person's messages stored twice").isEmpty();

    // and every chat got at least one reply to each of its messages
    List<TelegramStandIn.Sent> sent = telegram.sentMessages();
    Map<Long, Long> repliesPerChat =
        sent.stream()
            .collect(Collectors.groupingBy(TelegramStandIn.Sent::chatId, Collectors.counting()));
    assertThat(repliesPerChat).hasSize(CHATS);
    assertThat(repliesPerChat.values()).allMatch(n -> n >= MESSAGES_PER_CHAT);
    long sendsBeyondRows = sent.size() - sentRows(settings);
    assertThat(sendsBeyondRows).isBetween(0L, (long) inFlight.pendingOutbox());

    System.out.printf(
        "crash (%s): chats=%d updates=%d acknowledged=%d (at kill %d) refused-or-cut=%d"
            + " unhandled-at-kill=%d handled-twice=%d sends=%d (at kill %d)"
            + " pending-outbox-at-kill=%d sent-twice=%d first-start=%ds load-to-kill=%ds"
            + " restart=%ds drain=%ds total=%ds%n",
        database.kind(),
        CHATS,
        CHATS * MESSAGES_PER_CHAT,
        acknowledged.get(),
        acknowledgedAtKill,
        refused.get(),
        inFlight.unhandledUpdateIds().size(),
        duplicated.size(),
        sent.size(),
        sentAtKill,
        inFlight.pendingOutbox(),
        sendsBeyondRows,
        seconds(started, firstStart),
        seconds(firstStart, killedAt),
        seconds(killedAt, restarted),
        seconds(restarted, settled),
        seconds(started, settled));
    assertThat(Files.readString(log)).doesNotContain(QUESTIONS.get(0));
  }

  /** Each chat writes its messages one after the other; all chats at once. */
  private Future<Void> driveAll(int port) {
    List<Future<Void>> chats = new ArrayList<>();
    for (int chat = 0; chat < CHATS; chat++) {
      chats.add(drive(port, chat));
    }
    return Future.join(chats).mapEmpty();
  }

  private Future<Void> drive(int port, int chat) {
    if (down || delivered[chat] == MESSAGES_PER_CHAT) {
      return Future.succeededFuture();
    }
    if (pendingUpdateId[chat] == 0) {
      pendingUpdateId[chat] = nextUpdateId.getAndIncrement();
    }
    int index = delivered[chat];
    if (index > 0 && !warm.isComplete()) {
      return warm.compose(v -> drive(port, chat));
    }
    long updateId = pendingUpdateId[chat];
    return client
        .post(port, "127.0.0.1", "/telegram/webhook")
        .putHeader("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .timeout(30_000)
        .sendBuffer(Buffer.buffer(update(chat, index, updateId).encode()))
        .transform(
            answer -> {
              if (answer.succeeded() && answer.result().statusCode() == 200) {
                acknowledgedIds.add(updateId);
                acknowledged.incrementAndGet();
                delivered[chat]++;
                pendingUpdateId[chat] = 0;
                return drive(port, chat);
              }
              // no 200: Telegram keeps the update and tries again later
              refused.incrementAndGet();
              return down ? Future.succeededFuture() : drive(port, chat);
            });
  }

  static JsonObject update(int chat, int index, long updateId) {
    long chatId = FIRST_CHAT + chat;
    JsonObject person =
        new JsonObject().put("id", chatId).put("is_bot", false).put("first_name", "P");
    return new JsonObject()
        .put("update_id", updateId)
        .put(
            "message",
            new JsonObject()
                .put("message_id", updateId)
                // a person's own pace: a few seconds apart, so no flood notice
                .put("date", 1_700_000_000 + index * 5)
                .put("chat", new JsonObject().put("id", chatId).put("type", "private"))
                .put("from", person)
                .put("text", QUESTIONS.get((chat + index) % QUESTIONS.size())));
  }

  /** What the killed service left undone, read from a copy of its data (the original untouched). */
  record InFlight(Set<Long> unhandledUpdateIds, int pendingOutbox) {}

  private InFlight inFlightAt(Map<String, String> settings) throws Exception {
    Map<String, String> copy = new HashMap<>(settings);
    if (!TestDatabase.postgres()) {
      Path snapshot = Files.createTempDirectory(dataDir, "snapshot");
      try (var files = Files.list(dataDir)) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).toList()) {
          Files.copy(file, snapshot.resolve(file.getFileName()));
        }
      }
      String url = settings.get("SELAM_DB_URL");
      copy.put(
          "SELAM_DB_URL",
          "jdbc:h2:file:"
              + snapshot.resolve(Path.of(url.substring("jdbc:h2:file:".length())).getFileName()));
    }
    try (Connection c = connect(copy);
        Statement s = c.createStatement()) {
      Set<Long> unhandled = ConcurrentHashMap.newKeySet();
      try (ResultSet rs =
          s.executeQuery("SELECT update_id FROM inbound_update WHERE handled_at IS NULL")) {
        while (rs.next()) {
          unhandled.add(rs.getLong(1));
        }
      }
      return new InFlight(
          unhandled, (int) count(s, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'"));
    }
  }

  /** Waits until Telegram has heard nothing new for a few seconds. */
  private void settle() throws InterruptedException {
    int last = -1;
    long quietSince = System.nanoTime();
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      int now = (int) telegram.requestCount("/bot.*");
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > 4_000_000_000L) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Telegram kept being called for 3 minutes");
  }

  private static long misorderedInbound(Statement s) throws SQLException {
    return misordered(
        s,
        "SELECT conversation_id, channel_message_id FROM message WHERE direction = 'in'"
            + " AND channel_message_id IS NOT NULL ORDER BY conversation_id, seq");
  }

  static long misorderedReplies(Statement s) throws SQLException {
    return misordered(
        s,
        "SELECT contact_id, channel_message_id FROM outbox WHERE kind = 'send_message'"
            + " ORDER BY contact_id, seq");
  }

  /** Rows whose id is not above the one before them in the same group. */
  private static long misordered(Statement s, String sql) throws SQLException {
    long misordered = 0;
    String group = null;
    long previous = Long.MIN_VALUE;
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        if (!rs.getString(1).equals(group)) {
          group = rs.getString(1);
          previous = Long.MIN_VALUE;
        }
        long id = rs.getLong(2);
        // a message handled twice repeats its id right after itself: not out of order
        if (id < previous) {
          System.out.println(
              "DEBUG misordered "
                  + sql.substring(7, 30)
                  + " group="
                  + group
                  + " id="
                  + id
                  + " previous="
                  + previous);
          misordered++;
        }
        previous = Math.max(previous, id);
      }
    }
    return misordered;
  }

  private long sentRows(Map<String, String> settings) throws SQLException {
    try (Connection c = connect(settings);
        Statement s = c.createStatement()) {
      return count(
          s, "SELECT COUNT(*) FROM outbox WHERE kind = 'send_message' AND status = 'sent'");
    }
  }

  private static Connection connect(Map<String, String> settings) throws SQLException {
    String user = settings.get("SELAM_DB_USER");
    return DriverManager.getConnection(
        settings.get("SELAM_DB_URL"),
        user == null || user.isEmpty() ? null : user,
        settings.get("SELAM_DB_PASSWORD"));
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long seconds(long from, long to) {
    return Math.round((to - from) / 1e9);
  }

  private static void until(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s");
      }
      Thread.sleep(20);
    }
  }
}

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.selam.core.storage.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under load and comes back. Only where the test may restart it: {@code
 * SELAM_TEST_PG_RESTART} holds the command (e.g. {@code pg_ctlcluster 15 main restart}; its
 * "restart" is run as a stop, a few seconds away, and a start, so the outage can be seen).
 */
class DatabaseRestartTest {
  static final String RESTART_ENV = "SELAM_TEST_PG_RESTART";
  static final int CHATS = 10;

  @TempDir Path dataDir;
  WebhookService bot;
  final AtomicLong nextUpdateId = new AtomicLong(1);
  final Map<Long, Integer> answers = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<Integer> readiness = new ConcurrentLinkedQueue<>();
  volatile boolean loading = true;

  @BeforeEach
  void start() {
    assumeTrue(TestDatabase.postgres(), "PostgreSQL only");
    assumeTrue(System.getenv(RESTART_ENV) != null, RESTART_ENV + " is not set");
    bot = WebhookService.start(dataDir);
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
  }

  @Test
  void whileTheDatabaseIsAwayTheServiceIsNotReadyRefusesUpdatesAndThenRecoversByItself()
      throws Exception {
    // given steady traffic and a watch on readiness
    long readyWatch =
        bot.vertx.setPeriodic(
            100,
            id -> bot.client.get("/ready").send().onSuccess(r -> readiness.add(r.statusCode())));
    long load = bot.vertx.setPeriodic(20, id -> sendNext());
    Thread.sleep(2_000);

    // when PostgreSQL stops for a few seconds and starts again
    String command = System.getenv(RESTART_ENV);
    run(command.replace("restart", "stop"));
    Thread.sleep(4_000);
    Set<Integer> whileAway = Set.copyOf(readiness);
    run(command.replace("restart", "start"));

    // then the service is ready again by itself, and takes updates again
    Await.until(() -> lastReady() == 200, 60);
    long recoveredFrom = nextUpdateId.get();
    Await.until(() -> acknowledgedFrom(recoveredFrom) >= 20, 60);
    bot.vertx.cancelTimer(load);
    bot.vertx.cancelTimer(readyWatch);
    loading = false;

    assertThat(whileAway).contains(503);
    // every update was either stored (200) or refused so that Telegram retries it (5xx, or no
    // answer in time)
    assertThat(Set.copyOf(answers.values()))
        .allMatch(status -> status == 200 || status >= 500 || status == 0);
    assertThat(answers.values()).contains(200);
    Set<Long> acknowledged = new HashSet<>();
    answers.forEach(
        (id, status) -> {
          if (status == 200) {
            acknowledged.add(id);
          }
        });
    Await.until(
        () -> count("SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NULL") == 0, 60);
    Set<Long> stored = new HashSet<>();
    try (Connection c = bot.service.database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT update_id FROM inbound_update")) {
      while (rs.next()) {
        stored.add(rs.getLong(1));
      }
    }
    assertThat(stored).containsAll(acknowledged);
    System.out.printf(
        "database restart: updates=%d acknowledged=%d refused-5xx=%d readiness=%s%n",
        answers.size(), acknowledged.size(), answers.size() - acknowledged.size(), whileAway);
  }

  private long acknowledgedFrom(long updateId) {
    return answers.entrySet().stream()
        .filter(e -> e.getKey() >= updateId && e.getValue() == 200)
        .count();
  }

  private int lastReady() {
    Integer last = null;
    for (Integer status : readiness) {
      last = status;
    }
    return last == null ? 0 : last;
  }

  private void sendNext() {
    if (!loading) {
      return;
    }
    long updateId = nextUpdateId.getAndIncrement();
    long chat = 660_000_000L + updateId % CHATS;
    JsonObject update =
        TelegramUpdates.message(updateId, chat, (int) updateId, "is there a shelter");
    update.getJsonObject("message").put("date", 1_700_000_000 + updateId * 5);
    bot.client
        .post("/telegram/webhook")
        .putHeader("X-Telegram-Bot-Api-Secret-Token", WebhookService.SECRET)
        .timeout(30_000)
        .sendBuffer(Buffer.buffer(update.encode()))
        .onComplete(r -> answers.put(updateId, r.succeeded() ? r.result().statusCode() : 0));
  }

  private static void run(String command) throws Exception {
    Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command).isTrue();
    assertThat(process.exitValue()).as(command).isZero();
  }

  private long count(String sql) {
    return bot.count(sql);
  }
}

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.server.TelegramStandIn.Fault;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telegram misbehaving while 20 people write: bursts of 500 and 502, connections reset, empty
 * answers, a 429 with retry_after, slow answers, and a person who blocked the bot (403). Everything
 * deliverable is delivered, in order per chat, within Telegram's pacing; the service stays healthy
 * and ready (the database is fine: Telegram's trouble is not the service's).
 */
class TelegramFaultsTest {
  static final int CHATS = 20;
  static final int MESSAGES_PER_CHAT = 3;
  static final long FIRST_CHAT = 770_000_000L;
  static final long BLOCKED_CHAT = 779_999_999L;

  @TempDir Path dataDir;
  WebhookService bot;

  @BeforeEach
  void start() {
    bot = WebhookService.start(dataDir);
    // no sendMessage call before the first update: the plan counts from there, skipping the
    // blocked chat's calls, so that every planned fault meets a chat that can be served whatever
    // order the dispatcher takes the chats in
    java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
    bot.telegram.faults(
        (call, chatId) ->
            chatId == BLOCKED_CHAT ? Fault.BLOCKED_BY_USER : plan(served.incrementAndGet()));
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  /**
   * Short bursts of each kind of trouble, so most replies meet one, few meet many: by the number of
   * the call (1 for the first) among those to chats that have not blocked the bot.
   */
  static Fault plan(long call) {
    if (call >= 3 && call <= 10) {
      return Fault.SERVER_ERROR;
    }
    if (call >= 18 && call <= 21) {
      return Fault.CONNECTION_RESET;
    }
    if (call >= 28 && call <= 29) {
      return Fault.EMPTY_RESPONSE;
    }
    if (call == 36) {
      return Fault.TOO_MANY_REQUESTS;
    }
    if (call >= 44 && call <= 46) {
      return Fault.SLOW;
    }
    if (call >= 52 && call <= 57) {
      return Fault.BAD_GATEWAY;
    }
    return Fault.NONE;
  }

  @Test
  void everythingDeliverableIsDeliveredInOrderWithinPacingWhileTelegramMisbehaves()
      throws Exception {
    ConcurrentLinkedQueue<Integer> health = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> readiness = new ConcurrentLinkedQueue<>();
    long watcher =
        bot.vertx.setPeriodic(
            250,
            id -> {
              bot.client.get("/health").send().onSuccess(r -> health.add(r.statusCode()));
              bot.client.get("/ready").send().onSuccess(r -> readiness.add(r.statusCode()));
            });

    // given 20 people writing three messages each, and one who has blocked the bot
    long updateId = 1;
    for (int index = 0; index < MESSAGES_PER_CHAT; index++) {
      for (int chat = 0; chat < CHATS; chat++) {
        webhook(updateId++, FIRST_CHAT + chat, index);
      }
      webhook(updateId++, BLOCKED_CHAT, index);
    }

    // when the dispatcher has worked through Telegram's trouble
    Await.until(() -> count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0, 120);
    bot.vertx.cancelTimer(watcher);

    // then every chat but the blocked one got a reply to each message, none failed
    Map<Long, Long> delivered =
        bot.telegram.sentMessages().stream()
            .collect(Collectors.groupingBy(TelegramStandIn.Sent::chatId, Collectors.counting()));
    assertThat(delivered).hasSize(CHATS).doesNotContainKey(BLOCKED_CHAT);
    assertThat(delivered.values()).allMatch(n -> n >= MESSAGES_PER_CHAT);
    assertThat(
            count(
                "SELECT COUNT(*) FROM outbox o JOIN contact c ON c.id = o.contact_id"
                    + " WHERE o.status = 'failed' AND c.reachable = TRUE"))
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM contact WHERE reachable = FALSE")).isEqualTo(1);
    try (Connection c = bot.service.database.connect();
        Statement s = c.createStatement()) {
      assertThat(CrashRecoveryTest.misorderedReplies(s)).isZero();
    }
    // at most 30 calls in any second for the bot, one message a second per chat
    List<TelegramStandIn.Call> calls = bot.telegram.sendMessageCalls();
    assertThat(calls.size()).isGreaterThan(CHATS * MESSAGES_PER_CHAT + 20);
    assertThat(busiestSecond(calls)).isLessThanOrEqualTo(30);
    Map<Long, List<TelegramStandIn.Sent>> byChat =
        bot.telegram.sentMessages().stream()
            .collect(Collectors.groupingBy(TelegramStandIn.Sent::chatId));
    for (List<TelegramStandIn.Sent> sent : byChat.values()) {
      for (int i = 1; i < sent.size(); i++) {
        assertThat(sent.get(i).atMillis() - sent.get(i - 1).atMillis())
            .as("time between two messages to one chat")
            .isGreaterThanOrEqualTo(950);
      }
    }
    // a 429 holds its chat for retry_after seconds
    TelegramStandIn.Call limited =
        calls.stream().filter(call -> call.status() == 429).findFirst().orElseThrow();
    calls.stream()
        .filter(call -> call.chatId() == limited.chatId() && call.atMillis() > limited.atMillis())
        .findFirst()
        .ifPresent(
            next -> assertThat(next.atMillis() - limited.atMillis()).isGreaterThanOrEqualTo(1_900));
    // the service was healthy and ready all along
    assertThat(health).isNotEmpty().containsOnly(200);
    assertThat(readiness).isNotEmpty().containsOnly(200);
  }

  private static int busiestSecond(List<TelegramStandIn.Call> calls) {
    int busiest = 0;
    int from = 0;
    for (int to = 0; to < calls.size(); to++) {
      while (calls.get(to).atMillis() - calls.get(from).atMillis() >= 1_000) {
        from++;
      }
      busiest = Math.max(busiest, to - from + 1);
    }
    return busiest;
  }

  private void webhook(long updateId, long chatId, int index) {
    JsonObject update = TelegramUpdates.message(updateId, chatId, (int) updateId, question(index));
    update.getJsonObject("message").put("date", 1_700_000_000 + index * 5);
    bot.webhook(update);
  }

  private static String question(int index) {
    return List.of(
            "how do I apply for a work permit",
            "where is the nearest hospital",
            "can I get free legal help")
        .get(index);
  }

  private long count(String sql) {
    return bot.count(sql);
  }
}

package dev.selam.bot.benchmarks;

import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.telegram.TelegramChannel;
import dev.selam.bot.telegram.TelegramSettings;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.conversation.ConversationStore.StoredMessage;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TempDirectory;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dispatcher against a stand-in Bot API (answering in 50 ms, noting when each call arrives)
 * with a backlog of replies for a few hundred chats: how close it sends to Telegram's 30 messages a
 * second, and that no one-second window ever holds more, nor any chat two messages within a second.
 * Run by hand (see docs/BENCHMARKS.md). Arguments: chats (300), messages per chat (3).
 */
public final class DispatchBenchmark {
  public static void main(String[] args) throws Exception {
    int chats = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int perChat = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Vertx vertx = Vertx.vertx();
    TempDirectory dataDir = TempDirectory.create("selam-dispatch");
    TestDatabase testDb = TestDatabase.create(dataDir.path());
    // The stand-in Bot API runs on its own Vert.x and notes when each call arrives.
    Vertx telegramVertx = Vertx.vertx();
    List<long[]> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
    List<JsonObject> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
    io.vertx.core.http.HttpServer telegram =
        telegramVertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  long arrived = System.nanoTime();
                  request
                      .body()
                      .onComplete(
                          body -> {
                            boolean send =
                                request
                                    .path()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .endsWith("/sendmessage");
                            if (send) {
                              synchronized (arrivals) {
                                arrivals.add(new long[] {arrived});
                                bodies.add(body.result().toJsonObject());
                              }
                            }
                            String answer =
                                send
                                    ? "{\"ok\":true,\"result\":{\"message_id\":1,\"date\":1,"
                                        + "\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"x\"}}"
                                    : "{\"ok\":true,\"result\":true}";
                            telegramVertx.setTimer(
                                50,
                                id ->
                                    request
                                        .response()
                                        .putHeader("Content-Type", "application/json")
                                        .end(answer));
                          });
                })
            .listen(0, "127.0.0.1")
            .await();
    try {
      Database database = Database.open(vertx, testDb.settings()).await();
      byte[] key = new byte[32];
      Arrays.fill(key, (byte) 4);
      FieldCipher cipher = new FieldCipher(new KeyRing(List.of(DataKey.of("d", key))));
      Pseudonymizer pseudonymizer = new Pseudonymizer(key);
      ConversationStore conversations =
          new ConversationStore(database.pool(), cipher, pseudonymizer, Clock.systemUTC());
      Map<String, String> env = new HashMap<>();
      env.put(TelegramSettings.TOKEN, "1:dispatch");
      env.put(TelegramSettings.MODE, "webhook");
      env.put(TelegramSettings.WEBHOOK_SECRET, "s");
      env.put(TelegramSettings.API_URL, "http://127.0.0.1:" + telegram.actualPort());
      TelegramChannel channel =
          new TelegramChannel(
              vertx,
              TelegramSettings.from(Settings.of(env)).orElseThrow(),
              database,
              cipher,
              pseudonymizer,
              ChannelTexts.englishOnly(),
              message -> Future.succeededFuture());

      // The backlog, written before the dispatcher starts: replies for every chat, in order.
      for (int chat = 1; chat <= chats; chat++) {
        StoredMessage to =
            conversations.recordInbound("telegram", String.valueOf(chat), "hello").await();
        for (int n = 1; n <= perChat; n++) {
          String text = chat + ":" + n;
          database
              .pool()
              .withTransaction(
                  tx ->
                      channel
                          .outbox()
                          .enqueue(
                              tx,
                              new OutboxWriter.Recipient(
                                  "telegram", to.contactId(), to.conversationId()),
                              OutboundMessage.Text.plain(text),
                              null))
              .await();
        }
      }
      int total = chats * perChat;
      long start = System.nanoTime();
      channel.start(Optional.empty()).await();
      while (arrivals.size() < total) {
        Thread.sleep(100);
      }
      double seconds = (System.nanoTime() - start) / 1e9;

      long[] at;
      List<JsonObject> sent;
      synchronized (arrivals) {
        at = arrivals.stream().mapToLong(a -> a[0] / 1_000_000).toArray();
        sent = new ArrayList<>(bodies);
      }
      int maxInAnySecond = 0;
      for (int i = 0, j = 0; i < at.length; i++) {
        while (at[i] - at[j] >= 1000) {
          j++;
        }
        maxInAnySecond = Math.max(maxInAnySecond, i - j + 1);
      }
      Map<String, List<Long>> perChatTimes = new HashMap<>();
      Map<String, List<String>> perChatTexts = new HashMap<>();
      for (int i = 0; i < sent.size(); i++) {
        JsonObject body = sent.get(i);
        perChatTimes.computeIfAbsent(body.getString("chat_id"), c -> new ArrayList<>()).add(at[i]);
        perChatTexts
            .computeIfAbsent(body.getString("chat_id"), c -> new ArrayList<>())
            .add(body.getString("text"));
      }
      long minChatGap = Long.MAX_VALUE;
      for (List<Long> times : perChatTimes.values()) {
        for (int i = 1; i < times.size(); i++) {
          minChatGap = Math.min(minChatGap, times.get(i) - times.get(i - 1));
        }
      }
      boolean inOrder =
          perChatTexts.entrySet().stream()
              .allMatch(
                  e -> {
                    for (int n = 0; n < e.getValue().size(); n++) {
                      if (!e.getValue().get(n).equals(e.getKey() + ":" + (n + 1))) {
                        return false;
                      }
                    }
                    return true;
                  });
      // The rate over the steady part: from the first send to the last.
      double steady = (at.length - 1) / ((at[at.length - 1] - at[0]) / 1000.0);
      JsonObject summary =
          new JsonObject()
              .put("database", testDb.kind())
              .put("chats", chats)
              .put("messages", total)
              .put("seconds", Math.round(seconds * 10) / 10.0)
              .put("sent_per_s", Math.round(steady * 10) / 10.0)
              .put("max_in_any_second", maxInAnySecond)
              .put("min_gap_in_a_chat_ms", minChatGap)
              .put("per_chat_order_kept", inOrder);
      System.out.println(summary.encode());
      channel.close().await();
      database.close();
    } finally {
      telegramVertx.close().await();
      vertx.close().await();
      testDb.close();
      dataDir.close();
    }
    System.exit(0);
  }
}

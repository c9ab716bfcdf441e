package dev.selam.bot.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.dialogue.Dialogue;
import dev.selam.bot.i18n.Messages;
import dev.selam.bot.language.LanguageDetector;
import dev.selam.bot.language.LanguageSettings;
import dev.selam.bot.language.ReplyLanguage;
import dev.selam.bot.risk.RiskAssessor;
import dev.selam.bot.telegram.TelegramChannel;
import dev.selam.bot.telegram.TelegramSettings;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationErasure;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.escalation.HotlineHours;
import dev.selam.core.escalation.OperatorsOnDuty;
import dev.selam.core.inbound.InboundUpdates;
import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TempDirectory;
import dev.selam.core.storage.TestDatabase;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.KnowledgeSettings;
import dev.selam.knowledge.article.ArticleStore;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import dev.selam.knowledge.search.Calibration;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the Telegram webhook with many chats and compares it, in one run on one database, with a
 * bare route that only answers 200 and a route that only stores the update (encrypted) and answers
 * 200. The channel's handler stands in for the dialogue's database work: it stores the person's
 * message and enqueues a reply in the outbox; "to outbox" latency runs from sending the update to
 * that reply being committed.
 *
 * <p>Not a test: run it by hand (see docs/BENCHMARKS.md). Set SELAM_TEST_DB_URL (and _USER,
 * _PASSWORD) to run it on PostgreSQL. Arguments: updates (20000), chats (1000), concurrency (64).
 */
public final class WebhookBenchmark {
  static final String TOKEN = "1:bench";
  static final String SECRET = "bench-secret";

  private final Vertx vertx = Vertx.vertx();
  private final int updates;
  private final int chats;
  private final int concurrency;

  /** What the handler does with each message. */
  enum Handling {
    /** Nothing: the channel's own cost. */
    NOOP,
    /** Stores the message and enqueues a reply, each in a transaction of its own. */
    DIALOGUE,
    /** The same writes, but messages handled together share a commit (GroupCommit). */
    GROUPED,
    /**
     * The real dialogue: language detected, risk assessed, the knowledge base asked, the message,
     * the conversation's risk, any escalation and the replies written, sharing commits.
     */
    REAL
  }

  private final Handling handling;

  WebhookBenchmark(int updates, int chats, int concurrency, Handling handling) {
    this.updates = updates;
    this.chats = chats;
    this.concurrency = concurrency;
    this.handling = handling;
  }

  public static void main(String[] args) throws Exception {
    int updates = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int chats = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    Handling handling =
        args.length > 3
            ? Handling.valueOf(args[3].toUpperCase(java.util.Locale.ROOT))
            : Handling.DIALOGUE;
    new WebhookBenchmark(updates, chats, concurrency, handling).run();
    System.exit(0);
  }

  record Result(String route, int updates, double seconds, long p50, long p99, long max) {
    double rate() {
      return updates / seconds;
    }

    String line() {
      return String.format(
          "| %-34s | %6d | %8.0f | %6.1f | %6.1f | %6.1f |",
          route, updates, rate(), p50 / 1e6, p99 / 1e6, max / 1e6);
    }
  }

  void run() throws Exception {
    try (TempDirectory dir = TempDirectory.create("selam-bench")) {
      run(dir.path());
    }
  }

  private void run(Path dir) throws Exception {
    TestDatabase testDb = TestDatabase.create(dir);
    WireMockServer telegram = new WireMockServer(options().dynamicPort().containerThreads(8));
    telegram.start();
    telegram.stubFor(post(anyUrl()).willReturn(okJson("{\"ok\":true,\"result\":true}")));
    telegram.stubFor(
        post(urlMatching("(?i).*/sendmessage"))
            .willReturn(
                okJson(
                    "{\"ok\":true,\"result\":{\"message_id\":1,\"date\":1,"
                        + "\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"x\"}}")));
    try {
      Database database = Database.open(vertx, testDb.settings()).await();
      byte[] key = new byte[32];
      Arrays.fill(key, (byte) 9);
      FieldCipher cipher = new FieldCipher(new KeyRing(List.of(DataKey.of("b", key))));
      Pseudonymizer pseudonymizer = new Pseudonymizer(key);
      ConversationStore conversations =
          new ConversationStore(database.pool(), cipher, pseudonymizer, Clock.systemUTC());
      OutboxWriter outbox =
          new OutboxWriter(new OutboxStore(database.pool(), cipher, Clock.systemUTC()));
      InboundUpdates store = new InboundUpdates(database.pool(), cipher, Clock.systemUTC());

      Map<Long, Long> sentAt = new ConcurrentHashMap<>();
      List<Long> toOutbox = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicInteger handled = new AtomicInteger();
      InboundHandler noop =
          message -> {
            Long start = sentAt.get(message.updateId());
            if (start != null) {
              toOutbox.add(System.nanoTime() - start);
            }
            handled.incrementAndGet();
            return io.vertx.core.Future.succeededFuture();
          };
      InboundHandler dialogueStandIn =
          message ->
              conversations
                  .recordInbound(message.channel(), message.externalChatId(), message.text())
                  .compose(
                      stored ->
                          database
                              .pool()
                              .withTransaction(
                                  tx ->
                                      outbox.enqueue(
                                          tx,
                                          new OutboxWriter.Recipient(
                                              message.channel(),
                                              stored.contactId(),
                                              stored.conversationId()),
                                          OutboundMessage.Text.plain("Thank you"),
                                          null)))
                  .onSuccess(
                      ids -> {
                        Long start = sentAt.get(message.updateId());
                        if (start != null) {
                          toOutbox.add(System.nanoTime() - start);
                        }
                        handled.incrementAndGet();
                      })
                  .mapEmpty();

      // The same writes as the stand-in, but messages handled at the same time share a commit:
      // a chat's first message creates its contact and conversation as before; every message's
      // text (after the first) and every reply go through one GroupCommit.
      Map<String, ConversationStore.StoredMessage> knownChats = new ConcurrentHashMap<>();
      OutboxStore outboxStore = new OutboxStore(database.pool(), cipher, Clock.systemUTC());
      record Job(InboundMessage message, ConversationStore.StoredMessage chat, boolean storeText) {}
      dev.selam.core.storage.GroupCommit<Job, Boolean> shared =
          new dev.selam.core.storage.GroupCommit<>(
              database.pool(),
              256,
              (tx, jobs) -> {
                List<io.vertx.sqlclient.Tuple> texts = new ArrayList<>();
                List<OutboxStore.NewEntry> replies = new ArrayList<>();
                java.time.OffsetDateTime now =
                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
                for (Job job : jobs) {
                  if (job.storeText()) {
                    texts.add(
                        io.vertx.sqlclient.Tuple.of(
                            java.util.UUID.randomUUID().toString(),
                            job.chat().conversationId(),
                            cipher.encrypt(job.message().text(), "message.body"),
                            now));
                  }
                  replies.add(
                      new OutboxStore.NewEntry(
                          job.chat().contactId(),
                          job.chat().conversationId(),
                          null,
                          job.message().channel(),
                          "send_message",
                          "{\"html\":\"Thank you\"}"));
                }
                Future<Void> stored =
                    texts.isEmpty()
                        ? Future.succeededFuture()
                        : tx.preparedQuery(
                                "INSERT INTO message (id, conversation_id, direction, author, kind,"
                                    + " body, created_at) VALUES (?, ?, 'in', 'person', 'text', ?, ?)")
                            .executeBatch(texts)
                            .mapEmpty();
                return stored
                    .compose(v -> outboxStore.enqueueAll(tx, replies))
                    .map(ids -> jobs.stream().map(j -> Boolean.TRUE).toList());
              });
      InboundHandler grouped =
          message -> {
            ConversationStore.StoredMessage chat = knownChats.get(message.externalChatId());
            Future<Boolean> written =
                chat != null
                    ? shared.submit(new Job(message, chat, true))
                    : conversations
                        .recordInbound(message.channel(), message.externalChatId(), message.text())
                        .compose(
                            stored -> {
                              knownChats.putIfAbsent(message.externalChatId(), stored);
                              return shared.submit(new Job(message, stored, false));
                            });
            return written
                .onSuccess(
                    v -> {
                      Long start = sentAt.get(message.updateId());
                      if (start != null) {
                        toOutbox.add(System.nanoTime() - start);
                      }
                      handled.incrementAndGet();
                    })
                .mapEmpty();
          };

      InboundHandler real =
          handling == Handling.REAL
              ? realDialogue(database, cipher, pseudonymizer, dir, handled, sentAt, toOutbox)
              : null;

      Map<String, String> env = new HashMap<>();
      env.put(TelegramSettings.TOKEN, TOKEN);
      env.put(TelegramSettings.MODE, "webhook");
      env.put(TelegramSettings.WEBHOOK_SECRET, SECRET);
      env.put(TelegramSettings.API_URL, "http://127.0.0.1:" + telegram.port());
      TelegramChannel channel =
          new TelegramChannel(
              vertx,
              TelegramSettings.from(Settings.of(env)).orElseThrow(),
              database,
              cipher,
              pseudonymizer,
              ChannelTexts.englishOnly(),
              switch (handling) {
                case NOOP -> noop;
                case DIALOGUE -> dialogueStandIn;
                case GROUPED -> grouped;
                case REAL -> real;
              });

      Router router = Router.router(vertx);
      router.route().handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
      router.post("/bare").handler(ctx -> ctx.response().setStatusCode(200).end());
      router
          .post("/store-each")
          .handler(
              ctx -> {
                String body = ctx.body().asString();
                long updateId = new JsonObject(body).getLong("update_id");
                database
                    .pool()
                    .preparedQuery(
                        "INSERT INTO inbound_update (channel, update_id, payload, received_at)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .execute(
                        io.vertx.sqlclient.Tuple.of(
                            "bench-each",
                            updateId,
                            cipher.encrypt(body, "inbound_update.payload"),
                            java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)))
                    .onSuccess(rows -> ctx.response().setStatusCode(200).end())
                    .onFailure(e -> ctx.response().setStatusCode(503).end());
              });
      router
          .post("/store")
          .handler(
              ctx -> {
                String body = ctx.body().asString();
                long updateId = new JsonObject(body).getLong("update_id");
                store
                    .store("bench", updateId, body)
                    .onSuccess(isNew -> ctx.response().setStatusCode(200).end())
                    .onFailure(e -> ctx.response().setStatusCode(503).end());
              });
      channel.mount(router);
      HttpServer server =
          vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
      channel.start(Optional.empty()).await();

      WebClient client =
          WebClient.create(
              vertx,
              new WebClientOptions()
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(server.actualPort())
                  .setKeepAlive(true),
              new io.vertx.core.http.PoolOptions().setHttp1MaxSize(concurrency));

      System.out.printf(
          "Webhook benchmark: %d updates over %d chats, %d in flight, database %s, %d cores%n",
          updates, chats, concurrency, testDb.kind(), Runtime.getRuntime().availableProcessors());
      // Warm-up: the JIT and the pools, on every route; not counted. As many updates as the run
      // itself, and the dialogue until the JIT is done with it: after one round of 3,000, its
      // compiler threads still took half a core through the measured run (2026-12-07), which
      // measured compilation, not a service that has been up for a while.
      int warmUp = Math.max(3_000, updates);
      drive(client, "/bare", 0, warmUp, null);
      drive(client, "/store-each", 20_000_000, warmUp, null);
      drive(client, "/store", 40_000_000, warmUp, null);
      warmDialogue(client, handled, warmUp, sentAt);
      toOutbox.clear();

      List<Result> results = new ArrayList<>();
      results.add(
          drive(client, "/bare", 100_000_000, updates, null).named("bare route (200 only)"));
      results.add(
          drive(client, "/store-each", 150_000_000, updates, null)
              .named("store-only, one commit each"));
      results.add(
          drive(client, "/store", 200_000_000, updates, null).named("store-only, group commit"));
      handled.set(0);
      long start = System.nanoTime();
      Result webhook =
          drive(client, "/telegram/webhook", 300_000_000, updates, sentAt)
              .named("webhook: answered 200 (stored)");
      results.add(webhook);
      waitFor(handled, updates);
      double endToEnd = (System.nanoTime() - start) / 1e9;
      long[] outboxLatencies = toOutbox.stream().mapToLong(Long::longValue).sorted().toArray();
      results.add(
          new Result(
              handling == Handling.NOOP
                  ? "webhook: handled (no-op handler)"
                  : "webhook: handled, reply in outbox",
              updates,
              endToEnd,
              percentile(outboxLatencies, 0.50),
              percentile(outboxLatencies, 0.99),
              outboxLatencies[outboxLatencies.length - 1]));

      System.out.println(
          "| route                              | updates | per second | p50 ms | p99 ms | max ms |");
      System.out.println(
          "| ---------------------------------- | ------ | -------- | ------ | ------ | ------ |");
      results.forEach(r -> System.out.println(r.line()));
      double storeOnly = results.get(1).rate();
      Result endToEndResult = results.get(4);
      JsonObject summary =
          new JsonObject()
              .put("database", testDb.kind())
              .put("updates", updates)
              .put("chats", chats)
              .put("bare_per_s", Math.round(results.get(0).rate()))
              .put("handler", handling.name().toLowerCase(java.util.Locale.ROOT))
              .put("store_only_per_s", Math.round(storeOnly))
              .put("store_only_group_commit_per_s", Math.round(results.get(2).rate()))
              .put("webhook_200_per_s", Math.round(webhook.rate()))
              .put("end_to_end_per_s", Math.round(endToEndResult.rate()))
              .put(
                  "end_to_end_vs_store_only",
                  Math.round(100 * endToEndResult.rate() / storeOnly) / 100.0)
              .put("handled_p50_ms", Math.round(endToEndResult.p50() / 1e5) / 10.0)
              .put("handled_p99_ms", Math.round(endToEndResult.p99() / 1e5) / 10.0);
      System.out.println(summary.encode());

      channel.close().await();
      server.close().await();
      database.close();
    } finally {
      telegram.stop();
      vertx.close().await();
      testDb.close();
    }
  }

  /** The dialogue as the service wires it, over the seed knowledge base and every language. */
  private InboundHandler realDialogue(
      Database database,
      FieldCipher cipher,
      Pseudonymizer pseudonymizer,
      Path dir,
      AtomicInteger handled,
      Map<Long, Long> sentAt,
      List<Long> toOutbox) {
    List<String> languages = List.of("en", "tr", "ar", "ru", "fa", "uk");
    LanguageSettings languageSettings = new LanguageSettings(languages, "en");
    Settings settings = Settings.of(Map.of("SELAM_DATA_DIR", dir.toString()));
    Clock clock = Clock.systemUTC();
    KnowledgeBase knowledge =
        KnowledgeBase.start(
                vertx,
                new ArticleStore(database.pool(), clock),
                KnowledgeSettings.from(settings, DataDirectory.from(settings)),
                Calibration.DEFAULT)
            .await();
    Dialogue dialogue =
        new Dialogue(
            new Dialogue.Parts(
                database,
                new ConversationStore(database.pool(), cipher, pseudonymizer, clock),
                new ConversationErasure(database.pool(), clock),
                new EscalationStore(database.pool(), cipher, vertx.eventBus(), clock),
                new OperatorsOnDuty(database.pool(), clock),
                HotlineHours.always(java.time.ZoneOffset.UTC),
                new OutboxWriter(new OutboxStore(database.pool(), cipher, clock)),
                new ReplyLanguage(languageSettings, LanguageDetector.create(languageSettings)),
                Messages.load(languages, "en"),
                knowledge,
                new UnansweredQuestions(database.pool(), cipher, clock),
                RiskAssessor.load(languages),
                vertx.eventBus(),
                clock,
                dev.selam.core.retention.CurrentRetention.fixed(java.time.Duration.ofDays(90))));
    return message ->
        dialogue
            .handle(message)
            .onSuccess(
                v -> {
                  Long start = sentAt.get(message.updateId());
                  if (start != null) {
                    toOutbox.add(System.nanoTime() - start);
                  }
                  handled.incrementAndGet();
                });
  }

  /**
   * What people write, in every language: mostly questions, some greetings and thanks, and one in
   * twelve a message in danger (written for this benchmark).
   */
  static final List<String> TEXTS =
      List.of(
          "How do I renew my residence permit?",
          "Oturma izni icin nereye basvurmaliyim",
          "كيف أحصل على موعد في المستشفى؟",
          "Как найти бесплатного адвоката?",
          "برای کار کردن در ترکیه چه مجوزی لازم است؟",
          "Де можна отримати медичну допомогу безкоштовно?",
          "thank you",
          "Merhaba, yardım alabilir miyim?",
          "My boss took my passport and does not let me leave the workshop",
          "أين أجد مأوى للنساء؟",
          "Можно ли детям ходить в школу без документов?",
          "سلام، وقت بخیر");

  /** A route's run before it has a name. */
  record Run(int updates, double seconds, long[] latencies) {
    Result named(String route) {
      return new Result(
          route,
          updates,
          seconds,
          percentile(latencies, 0.50),
          percentile(latencies, 0.99),
          latencies[latencies.length - 1]);
    }
  }

  /** Posts {@code count} updates with a fixed number in flight; returns when all are answered. */
  Run drive(WebClient client, String path, long firstUpdateId, int count, Map<Long, Long> sentAt)
      throws InterruptedException {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    CountDownLatch done = new CountDownLatch(count);
    long start = System.nanoTime();
    for (int lane = 0; lane < concurrency; lane++) {
      vertx.runOnContext(
          v ->
              sendNext(
                  client, path, firstUpdateId, count, next, latencies, failures, done, sentAt));
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("benchmark did not finish");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " requests failed on " + path);
    }
    Arrays.sort(latencies);
    return new Run(count, seconds, latencies);
  }

  private void sendNext(
      WebClient client,
      String path,
      long firstUpdateId,
      int count,
      AtomicInteger next,
      long[] latencies,
      AtomicLong failures,
      CountDownLatch done,
      Map<Long, Long> sentAt) {
    int i = next.getAndIncrement();
    if (i >= count) {
      return;
    }
    long updateId = firstUpdateId + i;
    long chat = 1 + (i % chats);
    Buffer body = Buffer.buffer(update(updateId, chat));
    long start = System.nanoTime();
    if (sentAt != null) {
      sentAt.put(updateId, start);
    }
    client
        .post(path)
        .putHeader("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body)
        .onComplete(
            ar -> {
              latencies[i] = System.nanoTime() - start;
              if (ar.failed() || ar.result().statusCode() != 200) {
                failures.incrementAndGet();
              }
              done.countDown();
              sendNext(client, path, firstUpdateId, count, next, latencies, failures, done, sentAt);
            });
  }

  static String update(long updateId, long chat) {
    return "{\"update_id\":"
        + updateId
        + ",\"message\":{\"message_id\":"
        + (updateId % 1_000_000)
        + ",\"from\":{\"id\":"
        + chat
        + ",\"is_bot\":false,\"first_name\":\"P\",\"language_code\":\"tr\"},"
        + "\"chat\":{\"id\":"
        + chat
        + ",\"type\":\"private\",\"first_name\":\"P\"},\"date\":1700000000,"
        + "\"text\":"
        + JsonObject.of("t", TEXTS.get((int) (updateId % TEXTS.size()))).encode().substring(5)
        + "}";
  }

  /**
   * Rounds of the dialogue until a round spends under a tenth of its time compiling, at most five.
   */
  private void warmDialogue(
      WebClient client, AtomicInteger handled, int perRound, Map<Long, Long> sentAt)
      throws InterruptedException {
    java.lang.management.CompilationMXBean jit =
        java.lang.management.ManagementFactory.getCompilationMXBean();
    for (int round = 1; round <= 5; round++) {
      long compiledBefore = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      handled.set(0);
      drive(client, "/telegram/webhook", 55_000_000L + round * 5_000_000L, perRound, sentAt);
      waitFor(handled, perRound);
      double seconds = (System.nanoTime() - start) / 1e9;
      double compiling = (jit.getTotalCompilationTime() - compiledBefore) / 1e3;
      System.out.printf(
          "warm-up round %d: %.0f handled a second, %.1f s compiling%n",
          round, perRound / seconds, compiling);
      if (compiling < 0.1 * seconds) {
        return;
      }
    }
  }

  static void waitFor(AtomicInteger counter, int target) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (counter.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + counter.get() + " of " + target + " handled");
      }
      Thread.sleep(5);
    }
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}

package dev.selam.server;

import dev.selam.bot.risk.RiskAssessor;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.crypto.Keys;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.risk.RiskLevel;
import dev.selam.core.storage.TempDirectory;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hotline under fire: the whole service in a JVM of its own ({@code selam serve}, as in
 * production), {@code operators} staff signed in with the console's live socket open, while
 * messages arrive through the Telegram webhook at a fixed rate (open loop: a message is sent when
 * it is due, whether or not earlier ones were answered) and WireMock stands in for Telegram. Every
 * {@code 1/share}-th message is a person in danger writing from a new chat; the time from posting
 * it to its {@code escalation.opened} frame on each operator's socket is what the hotline promises.
 *
 * <p>Not a test: run it by hand (see docs/BENCHMARKS.md). Arguments, all optional: rate per second
 * (100), seconds measured (60), seconds of warm-up at the same rate (10), operators (50), share of
 * messages in danger (0.05), chats the ordinary messages come from (2000). {@code
 * -Dselam.bench.jfr=FILE} records the service with JFR; {@code -Dselam.bench.heap=1400m} sets its
 * heap (a 2 GiB pod's share, as {@code MaxRAMPercentage=70} gives). {@code SELAM_TEST_DB_*} as in
 * the tests selects PostgreSQL.
 */
public final class LiveLoadBenchmark {
  static final String TOKEN = "42:load";
  static final String SECRET = "load-secret";
  static final long DANGER_CHATS_FROM = 900_000_000L;
  static final int MAX_IN_FLIGHT = 512;
  static final String PASSWORD = "a long benchmark password";

  /** Questions and greetings, none of them risky (checked at start). */
  static final List<String[]> ORDINARY =
      List.of(
          new String[] {"en", "How do I renew my residence permit?"},
          new String[] {"tr", "Oturma izni icin nereye basvurmaliyim"},
          new String[] {"ar", "كيف أحصل على موعد في المستشفى؟"},
          new String[] {"ru", "Как найти бесплатного адвоката?"},
          new String[] {"fa", "برای کار کردن در ترکیه چه مجوزی لازم است؟"},
          new String[] {"uk", "Де можна отримати медичну допомогу безкоштовно?"},
          new String[] {"en", "thank you"},
          new String[] {"tr", "Merhaba, yardım alabilir miyim?"},
          new String[] {"ar", "أين أجد مأوى للنساء؟"},
          new String[] {"ru", "Можно ли детям ходить в школу без документов?"},
          new String[] {"fa", "سلام، وقت بخیر"});

  /**
   * Danger in the words of the shipped indicator files (documents taken, confinement, self-harm):
   * each is assessed high at start, or the benchmark stops.
   */
  static final List<String[]> DANGER =
      List.of(
          new String[] {"en", "My boss took my passport and locked the door, I cannot leave"},
          new String[] {"en", "I want to end my life tonight, I will kill myself"},
          new String[] {"tr", "Patron pasaportumu aldı, beni evde kilitledi, kaçamıyorum"},
          new String[] {"tr", "Kendimi öldüreceğim, intihar etmek istiyorum"},
          new String[] {"ru", "Хозяин забрал мой паспорт и запер меня в квартире"},
          new String[] {"ar", "بدي انتحر، ما عاد فيني اتحمل"});

  final int rate;
  final int seconds;
  final int warmupSeconds;
  final int operators;
  final double dangerShare;
  final int chats;
  final Vertx vertx = Vertx.vertx();

  /** Per danger chat: when its message was posted (nanoTime). */
  final Map<Long, Long> dangerPostedAt = new ConcurrentHashMap<>();

  /** Per conversation id: when its {@code escalation.opened} frame reached each socket. */
  final Map<String, ConcurrentLinkedQueue<Long>> openedArrivals = new ConcurrentHashMap<>();

  final AtomicLong nextUpdateId = new AtomicLong(1);
  final AtomicLong nextDangerChat = new AtomicLong(DANGER_CHATS_FROM);
  final AtomicInteger inFlight = new AtomicInteger();
  volatile boolean stopping;

  LiveLoadBenchmark(String[] args) {
    rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    operators = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    dangerShare = args.length > 4 ? Double.parseDouble(args[4]) : 0.05;
    chats = args.length > 5 ? Integer.parseInt(args[5]) : 2000;
  }

  public static void main(String[] args) throws Exception {
    LiveLoadBenchmark benchmark = new LiveLoadBenchmark(args);
    try {
      benchmark.run();
    } finally {
      benchmark.vertx.close().await();
    }
    System.exit(0);
  }

  void run() throws Exception {
    checkTexts();
    try (TempDirectory dir = TempDirectory.create("selam-live-load")) {
      run(dir.path());
    }
  }

  private void run(Path dataDir) throws Exception {
    TestDatabase database = TestDatabase.create(dataDir);
    TelegramStandIn telegram = new TelegramStandIn();
    Map<String, String> settings = new HashMap<>(TestService.settingsFor(database, dataDir));
    settings.remove("SELAM_HTTP_PORT");
    settings.put("SELAM_TOTP_REQUIRED", "false");
    settings.put("SELAM_TELEGRAM_TOKEN", TOKEN);
    settings.put("SELAM_TELEGRAM_MODE", "webhook");
    settings.put("SELAM_TELEGRAM_WEBHOOK_SECRET", SECRET);
    settings.put("SELAM_TELEGRAM_API_URL", telegram.url());
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx" + System.getProperty("selam.bench.heap", "1400m"));
    jvm.add("-XX:+ExitOnOutOfMemoryError");
    String jfr = System.getProperty("selam.bench.jfr");
    if (jfr != null) {
      jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
    }
    Path log = dataDir.resolve("service.log");
    long startedAt = System.nanoTime();
    ServiceProcess service = ServiceProcess.start(settings, log, jvm);
    System.out.printf(
        "Live load benchmark: %d messages/s for %d s (+%d s warm-up), %d operators, %.0f%% in"
            + " danger, %d chats, database %s, %d cores; service ready in %.1f s (log %s)%n",
        rate,
        seconds,
        warmupSeconds,
        operators,
        dangerShare * 100,
        chats,
        database.kind(),
        Runtime.getRuntime().availableProcessors(),
        (System.nanoTime() - startedAt) / 1e9,
        log);
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(service.port)
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(MAX_IN_FLIGHT));
    WebSocketClient sockets =
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(operators));
    try {
      List<String> cookies = signInOperators(client, dataDir);
      AtomicInteger hellos = new AtomicInteger();
      for (String cookie : cookies) {
        connect(sockets, service.port, cookie, hellos);
      }
      waitUntil(() -> hellos.get() == operators, 30, "every socket said hello");
      Thread.sleep(5_000);
      long restRss = rssKb(service.pid());
      System.out.printf(
          "%d sockets open; service RSS at rest %d MB%n", hellos.get(), restRss / 1024);

      Load warmup = drive(client, warmupSeconds, null);
      // the load starts on a warm service that has caught up, not on the warm-up's backlog
      waitUntil(() -> complete(warmup.dangerSent.get()), 120, "the warm-up's escalations");
      Thread.sleep(2_000);
      System.out.printf("warm-up: %d sent, %d answered 200%n", warmup.sent.get(), warmup.ok.get());
      long cpuBefore = cpuTicks(service.pid());
      double[] loadAverageBefore = loadAverage();
      // the warm-up's escalations stay in openedArrivals (so that the wait below counts them),
      // but without a posting time they are left out of the figures
      dangerPostedAt.clear();
      List<Long> rssUnderLoad = new ArrayList<>();
      Load load = drive(client, seconds, () -> rssUnderLoad.add(rssKb(service.pid())));
      double serviceCpu = (cpuTicks(service.pid()) - cpuBefore) / 100.0; // USER_HZ
      double[] loadAverageAfter = loadAverage();
      long dangerPosted = warmup.dangerSent.get() + load.dangerSent.get();
      // every danger message escalated and told to every socket, or a minute passes
      waitUntil(
          () -> load.inFlightNow() == 0 && complete(dangerPosted),
          60,
          "every escalation reached every socket");
      long afterRss = rssKb(service.pid());
      HttpResponse<Buffer> health = client.get("/health").send().await();
      stopping = true;
      service.stop();
      Map<String, Long> chatOfConversation = chatsOf(database, settings);
      report(load, restRss, rssUnderLoad, afterRss, health.statusCode(), chatOfConversation);
      System.out.printf(
          Locale.ROOT,
          "service CPU during the load: %.1f s in %.1f s (%.2f of %d cores); machine load average"
              + " %.1f before, %.1f after (1 min)%n",
          serviceCpu,
          load.seconds,
          serviceCpu / load.seconds,
          Runtime.getRuntime().availableProcessors(),
          loadAverageBefore[0],
          loadAverageAfter[0]);
    } finally {
      sockets.close();
      client.close();
      service.close();
      telegram.close();
      database.close();
    }
  }

  /** Every danger text is high risk and every ordinary one is not, by the shipped indicators. */
  static void checkTexts() {
    RiskAssessor risk = RiskAssessor.load(List.of("en", "tr", "ar", "ru", "fa", "uk"));
    for (String[] text : DANGER) {
      if (risk.assess(text[1], text[0]).level() != RiskLevel.HIGH) {
        throw new IllegalStateException("not high risk: " + text[1]);
      }
    }
    for (String[] text : ORDINARY) {
      if (risk.assess(text[1], text[0]).level() != RiskLevel.NONE) {
        throw new IllegalStateException("risky: " + text[1]);
      }
    }
  }

  /**
   * The first admin (one-time password from the data directory) creates the operators; each signs
   * in with theirs and chooses a password, as a new operator would. Returns their session cookies.
   */
  List<String> signInOperators(WebClient client, Path dataDir) throws Exception {
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(dataDir.resolve("one-time-password-admin.txt"))) {
      file.load(reader);
    }
    Session admin = signIn(client, "admin", file.getProperty("password"));
    admin.changePassword(client, file.getProperty("password"));
    List<String> cookies = new ArrayList<>();
    for (int i = 1; i <= operators; i++) {
      JsonObject created =
          admin
              .post(
                  client,
                  "/api/staff",
                  new JsonObject()
                      .put("username", String.format(Locale.ROOT, "operator-%02d", i))
                      .put("roles", List.of("operator"))
                      .put("languages", List.of("en", "tr", "ar", "ru", "fa", "uk")))
              .bodyAsJsonObject();
      String oneTime = created.getString("oneTimePassword");
      Session operator =
          signIn(client, created.getJsonObject("account").getString("username"), oneTime);
      operator.changePassword(client, oneTime);
      cookies.add(operator.cookie());
    }
    return cookies;
  }

  record Session(String cookie, String csrf) {
    HttpResponse<Buffer> post(WebClient client, String path, JsonObject body) {
      HttpResponse<Buffer> response =
          client
              .post(path)
              .putHeader("Cookie", cookie)
              .putHeader("X-CSRF-Token", csrf)
              .sendJsonObject(body)
              .await();
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(path + ": " + response.bodyAsString());
      }
      return response;
    }

    void changePassword(WebClient client, String current) {
      post(
          client,
          "/api/me/password",
          new JsonObject().put("currentPassword", current).put("newPassword", PASSWORD));
    }
  }

  static Session signIn(WebClient client, String username, String password) {
    HttpResponse<Buffer> signedIn =
        client
            .post("/api/session")
            .sendJsonObject(new JsonObject().put("username", username).put("password", password))
            .await();
    if (signedIn.statusCode() != 200) {
      throw new IllegalStateException("sign-in of " + username + ": " + signedIn.bodyAsString());
    }
    return new Session(
        signedIn.cookies().get(0).split(";", 2)[0],
        signedIn.bodyAsJsonObject().getString("csrfToken"));
  }

  /** Opens a console's live socket and notes when each escalation.opened frame arrives. */
  void connect(WebSocketClient sockets, int port, String cookie, AtomicInteger hellos) {
    ClientWebSocket socket = sockets.webSocket();
    socket.textMessageHandler(
        text -> {
          long at = System.nanoTime();
          if (text.contains("\"escalation.opened\"")) {
            String conversation =
                new JsonObject(text).getJsonObject("escalation").getString("conversation");
            openedArrivals
                .computeIfAbsent(conversation, c -> new ConcurrentLinkedQueue<>())
                .add(at);
          } else if (text.contains("\"hello\"")) {
            hellos.incrementAndGet();
          }
        });
    socket
        .connect(
            new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/api/live")
                .addHeader("Cookie", cookie)
                .addHeader("Origin", "http://127.0.0.1:" + port))
        .await();
    socket.closeHandler(
        v -> {
          if (!stopping) {
            System.out.println("a live socket was closed by the service");
          }
        });
  }

  /** What one stretch of load did. */
  final class Load {
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger dangerSent = new AtomicInteger();
    final AtomicInteger notSent = new AtomicInteger();
    final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    final AtomicLong lastAnswerAt = new AtomicLong();
    long startedAt;
    double seconds;

    int inFlightNow() {
      return inFlight.get();
    }
  }

  /**
   * Sends {@code rate} messages a second for {@code duration} seconds, each when it is due (a 5 ms
   * tick sends those that came due since the last), at most {@link #MAX_IN_FLIGHT} unanswered;
   * {@code everySecond} runs once a second meanwhile.
   */
  Load drive(WebClient client, int duration, Runnable everySecond) throws InterruptedException {
    Load load = new Load();
    int total = rate * duration;
    int dangerEvery = dangerShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / dangerShare);
    long start = System.nanoTime();
    load.startedAt = start;
    AtomicInteger due = new AtomicInteger();
    long timer =
        vertx.setPeriodic(
            5,
            id -> {
              long elapsed = System.nanoTime() - start;
              int target = (int) Math.min(total, elapsed * rate / 1_000_000_000L);
              while (due.get() < target) {
                int i = due.getAndIncrement();
                if (inFlight.get() >= MAX_IN_FLIGHT) {
                  load.notSent.incrementAndGet();
                  continue;
                }
                send(client, load, i % dangerEvery == dangerEvery - 1, i);
              }
            });
    long nextSecond = start;
    for (int second = 0; second < duration; second++) {
      nextSecond += 1_000_000_000L;
      long sleep = (nextSecond - System.nanoTime()) / 1_000_000;
      if (sleep > 0) {
        Thread.sleep(sleep);
      }
      if (everySecond != null) {
        everySecond.run();
      }
    }
    waitUntil(() -> due.get() >= total, 10, "every message due sent");
    vertx.cancelTimer(timer);
    waitUntil(() -> inFlight.get() == 0, 120, "every request answered");
    // from the first message due to the last answer
    load.seconds = (load.lastAnswerAt.get() - start) / 1e9;
    return load;
  }

  private void send(WebClient client, Load load, boolean danger, int i) {
    long updateId = nextUpdateId.getAndIncrement();
    long chat;
    String[] text;
    if (danger) {
      chat = nextDangerChat.getAndIncrement();
      text = DANGER.get(i % DANGER.size());
    } else {
      chat = 1 + (i % chats);
      text = ORDINARY.get(i % ORDINARY.size());
    }
    inFlight.incrementAndGet();
    load.sent.incrementAndGet();
    long sentAt = System.nanoTime();
    if (danger) {
      load.dangerSent.incrementAndGet();
      dangerPostedAt.put(chat, sentAt);
    }
    client
        .post("/telegram/webhook")
        .putHeader("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(update(updateId, chat, text)))
        .onComplete(
            answer -> {
              long answeredAt = System.nanoTime();
              load.latencies.add(answeredAt - sentAt);
              load.lastAnswerAt.accumulateAndGet(answeredAt, Math::max);
              inFlight.decrementAndGet();
              if (answer.succeeded() && answer.result().statusCode() == 200) {
                load.ok.incrementAndGet();
              } else {
                String error =
                    answer.succeeded()
                        ? "HTTP " + answer.result().statusCode()
                        : answer.cause().getClass().getSimpleName();
                load.errors.computeIfAbsent(error, e -> new AtomicInteger()).incrementAndGet();
              }
            });
  }

  static String update(long updateId, long chat, String[] text) {
    return TelegramUpdates.message(updateId, chat, (int) updateId, text[1], text[0]).encode();
  }

  /** Every danger message posted has had its escalation reach every socket. */
  boolean complete(long dangerPosted) {
    return openedArrivals.size() >= dangerPosted
        && openedArrivals.values().stream().allMatch(q -> q.size() >= operators);
  }

  /**
   * Which danger chat each conversation belongs to: contacts are stored under a pseudonym, so the
   * chat ids posted are turned into pseudonyms with the service's key and matched.
   */
  Map<String, Long> chatsOf(TestDatabase database, Map<String, String> settings) throws Exception {
    Settings read = Settings.of(settings);
    Pseudonymizer pseudonymizer = Keys.from(read, DataDirectory.from(read), false).pseudonymizer();
    Map<String, Long> chatOfPseudonym = new HashMap<>();
    for (Long chat : dangerPostedAt.keySet()) {
      chatOfPseudonym.put(pseudonymizer.pseudonym("telegram", Long.toString(chat)), chat);
    }
    Map<String, Long> chatOfConversation = new HashMap<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT v.id, c.pseudonym FROM conversation v JOIN contact c"
                    + " ON c.id = v.contact_id")) {
      while (rs.next()) {
        Long chat = chatOfPseudonym.get(rs.getString(2));
        if (chat != null) {
          chatOfConversation.put(rs.getString(1), chat);
        }
      }
    }
    return chatOfConversation;
  }

  void report(
      Load load,
      long restRss,
      List<Long> rssUnderLoad,
      long afterRss,
      int health,
      Map<String, Long> chatOfConversation) {
    List<Long> deliveries = new ArrayList<>();
    List<Long> lastSocket = new ArrayList<>();
    int[] socketsReached = new int[operators + 1];
    int escalated = 0;
    for (var entry : openedArrivals.entrySet()) {
      Long chat = chatOfConversation.get(entry.getKey());
      Long postedAt = chat == null ? null : dangerPostedAt.get(chat);
      if (postedAt == null) {
        continue; // an escalation from the warm-up
      }
      escalated++;
      long[] arrivals = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
      for (long at : arrivals) {
        deliveries.add(at - postedAt);
      }
      lastSocket.add(arrivals[arrivals.length - 1] - postedAt);
      socketsReached[Math.min(operators, arrivals.length)]++;
    }
    int neverEscalated = load.dangerSent.get() - escalated;
    printByWindow(chatOfConversation, load.startedAt);
    long[] webhook = load.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] toSockets = deliveries.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] toLast = lastSocket.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] rss = rssUnderLoad.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Integer> errors = new HashMap<>();
    load.errors.forEach((k, v) -> errors.put(k, v.get()));

    System.out.printf(
        "offered %d messages in %.1f s, sent %d (%d not sent: %d in flight already), answered 200"
            + " %d = %.1f/s, errors %s%n",
        rate * seconds,
        load.seconds,
        load.sent.get(),
        load.notSent.get(),
        MAX_IN_FLIGHT,
        load.ok.get(),
        load.ok.get() / load.seconds,
        errors);
    System.out.printf(
        "webhook latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
        ms(webhook, 0.5), ms(webhook, 0.9), ms(webhook, 0.99), ms(webhook, 1));
    System.out.printf(
        "danger messages: %d posted, %d escalations seen, %d never seen; sockets reached per"
            + " escalation: all %d for %d, fewer for %d%n",
        load.dangerSent.get(),
        escalated,
        neverEscalated,
        operators,
        socketsReached[operators],
        escalated - socketsReached[operators]);
    System.out.printf(
        "post to escalation.opened on a socket (%d deliveries) ms: p50 %.1f, p90 %.1f, p99 %.1f,"
            + " max %.1f%n",
        toSockets.length,
        ms(toSockets, 0.5),
        ms(toSockets, 0.9),
        ms(toSockets, 0.99),
        ms(toSockets, 1));
    System.out.printf(
        "post to the last of the sockets ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
        ms(toLast, 0.5), ms(toLast, 0.9), ms(toLast, 0.99), ms(toLast, 1));
    System.out.printf(
        "service RSS MB: at rest %d, under load median %d / max %d, after load %d; /health %d%n",
        restRss / 1024,
        percentile(rss, 0.5) / 1024,
        percentile(rss, 1) / 1024,
        afterRss / 1024,
        health);
    JsonObject summary =
        new JsonObject()
            .put("rate_offered", rate)
            .put("seconds", seconds)
            .put("operators", operators)
            .put("achieved_per_s", Math.round(load.ok.get() / load.seconds * 10) / 10.0)
            .put("errors", load.errors.values().stream().mapToInt(AtomicInteger::get).sum())
            .put("not_sent", load.notSent.get())
            .put("webhook_p50_ms", ms(webhook, 0.5))
            .put("webhook_p99_ms", ms(webhook, 0.99))
            .put("danger_posted", load.dangerSent.get())
            .put("escalations_seen", escalated)
            .put("escalations_on_all_sockets", socketsReached[operators])
            .put("escalation_p50_ms", ms(toSockets, 0.5))
            .put("escalation_p90_ms", ms(toSockets, 0.9))
            .put("escalation_p99_ms", ms(toSockets, 0.99))
            .put("escalation_max_ms", ms(toSockets, 1))
            .put("rss_rest_mb", restRss / 1024)
            .put("rss_load_max_mb", percentile(rss, 1) / 1024);
    System.out.println(summary.encode());
  }

  /**
   * Escalation latency by when the message was posted, in 10 s windows: a backlog left by the
   * warm-up or built up under load shows as a trend, a pause as one bad window.
   */
  void printByWindow(Map<String, Long> chatOfConversation, long loadStart) {
    Map<Integer, List<Long>> windows = new java.util.TreeMap<>();
    openedArrivals.forEach(
        (conversation, arrivals) -> {
          Long chat = chatOfConversation.get(conversation);
          Long postedAt = chat == null ? null : dangerPostedAt.get(chat);
          if (postedAt != null) {
            List<Long> window =
                windows.computeIfAbsent(
                    (int) ((postedAt - loadStart) / 10_000_000_000L), w -> new ArrayList<>());
            arrivals.forEach(at -> window.add(at - postedAt));
          }
        });
    StringBuilder line = new StringBuilder("escalation latency by posting time (p50/p99 ms):");
    windows.forEach(
        (window, latencies) -> {
          long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
          line.append(
              String.format(
                  Locale.ROOT,
                  " %d-%d s %.0f/%.0f;",
                  window * 10,
                  window * 10 + 10,
                  ms(sorted, 0.5),
                  ms(sorted, 0.99)));
        });
    System.out.println(line);
  }

  static double ms(long[] sorted, double p) {
    return Math.round(percentile(sorted, p) / 1e5) / 10.0;
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
  }

  /** User and system CPU time the process has used, in clock ticks, from /proc. */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // the fields after the command name, which is in parentheses and may hold spaces
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static double[] loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])};
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The process's resident memory in kB, from /proc. */
  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  interface Condition {
    boolean holds();
  }

  static void waitUntil(Condition condition, int seconds, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        System.out.println("gave up waiting after " + seconds + " s: " + what);
        return;
      }
      Thread.sleep(20);
    }
  }
}

package dev.selam.server;

import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.dialogue.Dialogue;
import dev.selam.bot.dialogue.OperatorNotices;
import dev.selam.bot.i18n.Messages;
import dev.selam.bot.language.LanguageDetector;
import dev.selam.bot.language.LanguageSettings;
import dev.selam.bot.language.ReplyLanguage;
import dev.selam.bot.telegram.TelegramChannel;
import dev.selam.bot.telegram.TelegramSettings;
import dev.selam.bot.webchat.WebChatChannel;
import dev.selam.bot.webchat.WebChatSettings;
import dev.selam.console.ConsoleRoutes;
import dev.selam.console.HotlineConsole;
import dev.selam.console.auth.SessionSettings;
import dev.selam.console.auth.StaffSession;
import dev.selam.core.cluster.Lease;
import dev.selam.core.config.ConfigException;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationErasure;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.Keys;
import dev.selam.core.identity.IdentitySettings;
import dev.selam.core.identity.InitialAdmin;
import dev.selam.core.identity.StaffIdentity;
import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.retention.RetentionPurge;
import dev.selam.core.retention.RetentionSettings;
import dev.selam.core.settings.HotlineSettings;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.DatabaseSettings;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.KnowledgeSettings;
import dev.selam.knowledge.article.ArticleStore;
import dev.selam.knowledge.editor.EditorApi;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import dev.selam.knowledge.search.Calibration;
import dev.selam.server.cluster.ClusterSettings;
import dev.selam.server.cluster.ClusterWiring;
import dev.selam.server.http.FormBodyCheck;
import dev.selam.server.http.HttpSettings;
import dev.selam.server.http.OperationsRoutes;
import dev.selam.server.http.Problems;
import dev.selam.server.http.QueryStringCheck;
import dev.selam.server.http.SecurityHeaders;
import dev.selam.server.http.StartingGate;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: configuration read once, then storage, routes and the HTTP server. */
public final class SelamService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SelamService.class);
  static final String LOG_FORMAT = "SELAM_LOG_FORMAT";

  private final Vertx vertx;
  private final Database database;
  private final KnowledgeBase knowledge;
  private final HttpServer server;
  private final Optional<TelegramChannel> telegram;
  private final Optional<WebChatChannel> webChat;
  private final Lease lease;

  private SelamService(
      Vertx vertx,
      Database database,
      KnowledgeBase knowledge,
      HttpServer server,
      Optional<TelegramChannel> telegram,
      Optional<WebChatChannel> webChat,
      Lease lease) {
    this.vertx = vertx;
    this.database = database;
    this.knowledge = knowledge;
    this.server = server;
    this.telegram = telegram;
    this.webChat = webChat;
    this.lease = lease;
  }

  public KnowledgeBase knowledge() {
    return knowledge;
  }

  /** Starts everything or fails with the first problem; a configuration error names its setting. */
  public static SelamService start(Settings settings) {
    StartupTimes times = new StartupTimes();
    DataDirectory dataDir = DataDirectory.from(settings);
    DatabaseSettings dbSettings = DatabaseSettings.from(settings, dataDir);
    HttpSettings http = HttpSettings.from(settings);
    Keys keys = Keys.from(settings, dataDir, dbSettings.kind() == DatabaseSettings.Kind.H2);
    IdentitySettings identitySettings = IdentitySettings.from(settings);
    SessionSettings sessionSettings = SessionSettings.from(settings);
    Optional<TelegramSettings> telegramSettings = TelegramSettings.from(settings);
    WebChatSettings webChatSettings = WebChatSettings.from(settings);
    // Without a Telegram token the web chat works alone; with neither, nobody talks to the bot.
    boolean anyChannel = telegramSettings.isPresent() || webChatSettings.enabled();
    LanguageSettings languages = LanguageSettings.from(settings);
    Messages messages = Messages.load(languages.languages(), languages.defaultLanguage());
    RetentionSettings retentionSettings = RetentionSettings.from(settings);
    HotlineSettings.Defaults hotlineDefaults = HotlineSettings.Defaults.from(settings);
    ClusterSettings cluster = ClusterSettings.from(settings);
    ClusterWiring.check(cluster, dbSettings);
    checkLogFormat(settings);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    bindJvmMetrics(registry);
    Vertx vertx =
        ClusterWiring.vertx(
            cluster,
            new VertxOptions()
                .setMetricsOptions(
                    new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false)),
            Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry)));
    try {
      // The migrations and the language models take seconds each: they start side by side, and
      // only a channel needs the models.
      Future<Database> opening =
          Database.open(vertx, dbSettings).onSuccess(d -> times.done("database"));
      Future<ReplyLanguage> replyLanguage =
          anyChannel
              ? vertx
                  .executeBlocking(
                      () -> new ReplyLanguage(languages, LanguageDetector.create(languages)), false)
                  .onSuccess(l -> times.done("language-models"))
              : Future.succeededFuture();
      // Listening comes first: liveness answers while the rest starts, readiness says when it is
      // there, and the gate answers everything else with 503 until then.
      Router router = Router.router(vertx);
      if (http.trustForwarded()) {
        router.allowForward(AllowForwardHeaders.X_FORWARD);
      }
      router.route().handler(new SecurityHeaders(http.behindTls()));
      router.route().handler(new QueryStringCheck());
      StartingGate gate = new StartingGate();
      OperationsRoutes operations = new OperationsRoutes(vertx, opening);
      operations
          .readiness()
          .register(
              "startup", promise -> promise.complete(gate.isOpen() ? Status.OK() : Status.KO()));
      operations.mount(router, registry);
      router.route().handler(gate);
      router.route().handler(new FormBodyCheck());
      router.route().handler(BodyHandler.create(false).setBodyLimit(http.bodyLimitBytes()));
      HttpServer server =
          vertx
              .createHttpServer(new HttpServerOptions().setCompressionSupported(true))
              .requestHandler(router)
              .listen(http.port(), http.host())
              .await();
      times.done("listening");

      Database database = opening.await();
      Lease lease = ClusterWiring.lease(vertx, cluster, dbSettings);
      KnowledgeBase knowledge =
          KnowledgeBase.open(
                  vertx,
                  new ArticleStore(database.pool(), Clock.systemUTC()),
                  KnowledgeSettings.from(settings, dataDir),
                  Calibration.DEFAULT)
              .await();
      // Seeding and indexing (on the first start) run while the identity and the console start.
      Future<Void> knowledgeLoaded = knowledge.load().onSuccess(v -> times.done("knowledge"));
      StaffIdentity identity =
          StaffIdentity.create(
              vertx, database.pool(), keys.cipher(), identitySettings, Clock.systemUTC());
      InitialAdmin.ensure(vertx, identity.accounts(), dataDir).await();
      // Opening hours and retention: the environment's values unless an admin set others.
      HotlineSettings hotlineSettings =
          new HotlineSettings(
              database.pool(), identity.audit(), hotlineDefaults, Clock.systemUTC());
      operations
          .readiness()
          .register(
              "knowledge-index",
              promise -> promise.complete(knowledge.ready() ? Status.OK() : Status.KO()));
      HotlineConsole.create(
              vertx,
              database.pool(),
              keys,
              identity,
              sessionSettings,
              hotlineSettings,
              Clock.systemUTC(),
              // The editor API lives in knowledge; the caller comes from the console's session.
              EditorApi.operations(
                  knowledge,
                  new UnansweredQuestions(database.pool(), keys.cipher(), Clock.systemUTC()),
                  identity.audit(),
                  ctx -> StaffSession.of(ctx).account()))
          .await()
          .mount(router);
      times.done("console");
      // The dialogue answers from the knowledge base: it starts once that is up to date.
      knowledgeLoaded.await();
      ConversationStore conversations =
          new ConversationStore(
              database.pool(), keys.cipher(), keys.pseudonymizer(), Clock.systemUTC());
      // The service listens while the language models load (seconds): /ready says "not yet",
      // and what people send meanwhile is stored and handled once the dialogue is there.
      Future<Dialogue> dialogue =
          !anyChannel
              ? Future.succeededFuture()
              : replyLanguage.compose(
                  language ->
                      vertx.executeBlocking(
                          () ->
                              startDialogue(
                                  vertx,
                                  settings,
                                  database,
                                  keys,
                                  conversations,
                                  identity,
                                  language,
                                  messages,
                                  languages,
                                  knowledge,
                                  hotlineSettings,
                                  lease),
                          false));
      dialogue.onFailure(
          e ->
              log.atError()
                  .addKeyValue("event", "dialogue.start_failed")
                  .addKeyValue("error", e.getClass().getSimpleName())
                  .log("the dialogue could not start: nobody will be answered", e));
      operations
          .readiness()
          .register(
              "dialogue",
              promise -> promise.complete(dialogue.succeeded() ? Status.OK() : Status.KO()));
      InboundHandler handler = message -> dialogue.compose(d -> d.handle(message));
      ChannelTexts channelTexts =
          new ChannelTexts(messages::text, languages.languages(), languages.defaultLanguage());
      Optional<TelegramChannel> telegram =
          telegramSettings.map(
              t ->
                  new TelegramChannel(
                      vertx,
                      t,
                      database,
                      keys.cipher(),
                      keys.pseudonymizer(),
                      channelTexts,
                      handler));
      telegram.ifPresent(channel -> channel.mount(router));
      Optional<WebChatChannel> webChat =
          webChatSettings.enabled()
              ? Optional.of(
                  new WebChatChannel(
                      vertx,
                      webChatSettings,
                      database.pool(),
                      keys.cipher(),
                      keys.pseudonymizer(),
                      channelTexts,
                      handler))
              : Optional.empty();
      webChat.ifPresent(channel -> channel.mount(router));
      ConsoleRoutes.mount(router);
      Problems.install(router);
      keys.cipher(); // fail now, not on the first message, if a key is unusable
      new RetentionPurge(database.pool(), Clock.systemUTC())
          .schedule(vertx, retentionSettings.purgeEvery(), hotlineSettings);
      gate.open();
      log.atInfo()
          .addKeyValue("event", "service.started")
          .addKeyValue("port", server.actualPort())
          .addKeyValue("database", dbSettings.kind())
          .addKeyValue("millis", times.sinceStart())
          .addKeyValue("parts", times.summary())
          .log("Selam is listening on port {}", server.actualPort());
      telegram.ifPresent(channel -> channel.start(http.publicUrl(), lease).await());
      webChat.ifPresent(WebChatChannel::start);
      warnAboutUnreadSettings(settings);
      return new SelamService(vertx, database, knowledge, server, telegram, webChat, lease);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /**
   * The dialogue every channel hands messages to, plus the notices an operator's joining and
   * leaving send, and the job that forgets erased contacts once their last deletions are delivered.
   */
  private static Dialogue startDialogue(
      Vertx vertx,
      Settings settings,
      Database database,
      Keys keys,
      ConversationStore conversations,
      StaffIdentity identity,
      ReplyLanguage replyLanguage,
      Messages messages,
      LanguageSettings languages,
      KnowledgeBase knowledge,
      HotlineSettings hotlineSettings,
      Lease lease) {
    Clock clock = Clock.systemUTC();
    new OperatorNotices(
            database.pool(),
            conversations,
            identity.accounts(),
            new OutboxWriter(new OutboxStore(database.pool(), keys.cipher(), clock)),
            messages)
        .listen(vertx.eventBus());
    ConversationErasure erasure = new ConversationErasure(database.pool(), clock);
    // A periodic job: among replicas, the lease holder's alone.
    vertx.setPeriodic(
        60_000,
        id ->
            (lease.held() ? erasure.forgetFinished() : Future.succeededFuture(0))
                .onFailure(
                    e ->
                        log.atWarn()
                            .addKeyValue("event", "erasure.forget_failed")
                            .addKeyValue("error", e.getClass().getSimpleName())
                            .log("could not forget erased contacts; will try again")));
    return DialogueWiring.create(
        vertx,
        settings,
        database,
        keys,
        conversations,
        replyLanguage,
        messages,
        languages,
        knowledge,
        hotlineSettings,
        hotlineSettings);
  }

  private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  /** Read by the command line before the settings (it picks the logging set-up): checked here. */
  private static void checkLogFormat(Settings settings) {
    String format = settings.string(LOG_FORMAT, "plain");
    if (!format.equalsIgnoreCase("plain") && !format.equalsIgnoreCase("json")) {
      throw new ConfigException(LOG_FORMAT, "must be plain or json, got '" + format + "'");
    }
  }

  private static void warnAboutUnreadSettings(Settings settings) {
    if (!settings.unread().isEmpty()) {
      log.atWarn()
          .addKeyValue("event", "config.unknown_settings")
          .addKeyValue("settings", String.join(",", settings.unread()))
          .log("Some SELAM_* settings are not used by this version: check their spelling");
    }
  }

  public int port() {
    return server.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** For tests that write what another part (the console) would write. */
  io.vertx.sqlclient.Pool databasePool() {
    return database.pool();
  }

  /** For tests of readiness: the database disappears under a running service. */
  void closeDatabaseForTest() {
    database.close();
  }

  @Override
  public void close() {
    Future.join(
            server.close(),
            telegram.map(TelegramChannel::close).orElse(Future.succeededFuture()),
            webChat.map(WebChatChannel::close).orElse(Future.succeededFuture()))
        .eventually(
            () -> {
              lease.close();
              knowledge.close();
              database.close();
              return vertx.close();
            })
        .await();
    log.atInfo().addKeyValue("event", "service.stopped").log("Selam stopped");
  }
}

package dev.selam.server;

import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.channel.StoringInboundHandler;
import dev.selam.bot.telegram.TelegramChannel;
import dev.selam.bot.telegram.TelegramSettings;
import dev.selam.console.ConsoleRoutes;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.Keys;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.DatabaseSettings;
import dev.selam.server.http.HttpSettings;
import dev.selam.server.http.OperationsRoutes;
import dev.selam.server.http.Problems;
import dev.selam.server.http.SecurityHeaders;
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

  private final Vertx vertx;
  private final Database database;
  private final HttpServer server;
  private final Optional<TelegramChannel> telegram;

  private SelamService(
      Vertx vertx, Database database, HttpServer server, Optional<TelegramChannel> telegram) {
    this.vertx = vertx;
    this.database = database;
    this.server = server;
    this.telegram = telegram;
  }

  /** Starts everything or fails with the first problem; a configuration error names its setting. */
  public static SelamService start(Settings settings) {
    long started = System.nanoTime();
    DataDirectory dataDir = DataDirectory.from(settings);
    DatabaseSettings dbSettings = DatabaseSettings.from(settings, dataDir);
    HttpSettings http = HttpSettings.from(settings);
    Keys keys = Keys.from(settings, dataDir, dbSettings.kind() == DatabaseSettings.Kind.H2);
    Optional<TelegramSettings> telegramSettings = TelegramSettings.from(settings);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    bindJvmMetrics(registry);
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(
                        new MicrometerMetricsOptions()
                            .setEnabled(true)
                            .setJvmMetricsEnabled(false)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    try {
      Database database = Database.open(vertx, dbSettings).await();
      Router router = Router.router(vertx);
      router.route().handler(new SecurityHeaders(http.behindTls()));
      router.route().handler(BodyHandler.create(false).setBodyLimit(http.bodyLimitBytes()));
      new OperationsRoutes(vertx, database).mount(router, registry);
      // Seam for the dialogue (issue 4): it replaces the handler and the texts. Until then a
      // person's text is stored and nothing is answered.
      Optional<TelegramChannel> telegram =
          telegramSettings.map(
              t ->
                  new TelegramChannel(
                      vertx,
                      t,
                      database,
                      keys.cipher(),
                      keys.pseudonymizer(),
                      ChannelTexts.englishOnly(),
                      new StoringInboundHandler(
                          new ConversationStore(
                              database.pool(),
                              keys.cipher(),
                              keys.pseudonymizer(),
                              Clock.systemUTC()))));
      telegram.ifPresent(channel -> channel.mount(router));
      ConsoleRoutes.mount(router);
      Problems.install(router);
      keys.cipher(); // fail now, not on the first message, if a key is unusable

      HttpServer server =
          vertx
              .createHttpServer(new HttpServerOptions().setCompressionSupported(true))
              .requestHandler(router)
              .listen(http.port(), http.host())
              .await();
      log.atInfo()
          .addKeyValue("event", "service.started")
          .addKeyValue("port", server.actualPort())
          .addKeyValue("database", dbSettings.kind())
          .addKeyValue("millis", (System.nanoTime() - started) / 1_000_000)
          .log("Selam is listening on port {}", server.actualPort());
      telegram.ifPresent(channel -> channel.start(http.publicUrl()).await());
      warnAboutUnreadSettings(settings);
      return new SelamService(vertx, database, server, telegram);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
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

  /** For tests of readiness: the database disappears under a running service. */
  void closeDatabaseForTest() {
    database.close();
  }

  @Override
  public void close() {
    Future.join(
            server.close(), telegram.map(TelegramChannel::close).orElse(Future.succeededFuture()))
        .eventually(
            () -> {
              database.close();
              return vertx.close();
            })
        .await();
    log.atInfo().addKeyValue("event", "service.stopped").log("Selam stopped");
  }
}

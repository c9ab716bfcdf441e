package dev.selam.bot.telegram;

import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.dispatch.DispatchPolicy;
import dev.selam.bot.dispatch.OutboxDispatcher;
import dev.selam.core.cluster.Lease;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.inbound.InboundUpdates;
import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.outbox.Recipients;
import dev.selam.core.storage.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;

/**
 * The Telegram channel, whole: updates in (webhook or long polling) stored and handed to the {@link
 * InboundHandler} in order per chat; replies out of the outbox through the dispatcher, within
 * Telegram's limits; the command menu registered. Mount it on the router before the server listens,
 * then start it.
 */
public final class TelegramChannel {
  public static final String CHANNEL = UpdateRoute.CHANNEL;

  /** Where Telegram posts updates in webhook mode. */
  public static final String WEBHOOK_PATH = TelegramWebhook.PATH;

  private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);

  private final TelegramSettings settings;
  private final TelegramConnection connection;
  private final BotApi api;
  private final UpdateProcessor processor;
  private final UpdateIntake intake;
  private final OutboxDispatcher dispatcher;
  private final OutboxWriter outbox;
  private final CommandMenu menu;
  private final TelegramPolling polling;

  public TelegramChannel(
      Vertx vertx,
      TelegramSettings settings,
      Database database,
      FieldCipher cipher,
      Pseudonymizer pseudonymizer,
      ChannelTexts texts,
      InboundHandler handler) {
    this(
        vertx,
        settings,
        database,
        cipher,
        pseudonymizer,
        texts,
        handler,
        DispatchPolicy.telegram(),
        UpdateProcessor.Policy.defaults(),
        Clock.systemUTC());
  }

  TelegramChannel(
      Vertx vertx,
      TelegramSettings settings,
      Database database,
      FieldCipher cipher,
      Pseudonymizer pseudonymizer,
      ChannelTexts texts,
      InboundHandler handler,
      DispatchPolicy dispatchPolicy,
      UpdateProcessor.Policy processorPolicy,
      Clock clock) {
    this.settings = settings;
    this.connection = TelegramConnection.open(settings);
    this.api = new BotApi(vertx, connection.sending());
    Pool pool = database.pool();
    OutboxStore outboxStore = new OutboxStore(pool, cipher, clock);
    this.outbox = new OutboxWriter(outboxStore);
    this.dispatcher =
        new OutboxDispatcher(
            vertx,
            outboxStore,
            CHANNEL,
            new TelegramSender(api),
            dispatchPolicy,
            clock,
            new SplittableRandom());
    GroupRule groups =
        new GroupRule(
            pool,
            new Recipients(cipher, pseudonymizer, clock),
            outbox,
            texts,
            new LanguageChoice(texts.languages(), texts.fallback()));
    this.processor =
        new UpdateProcessor(
            vertx,
            new InboundUpdates(pool, cipher, clock),
            handler,
            groups,
            new CallbackAnswers(vertx, api),
            dispatcher::wake,
            processorPolicy,
            clock);
    this.intake =
        new UpdateIntake(
            new InboundUpdates(database.intakePool(), cipher, clock), processor, clock);
    this.menu = new CommandMenu(vertx, api, texts);
    this.polling =
        settings.mode() == TelegramSettings.Mode.POLLING
            ? new TelegramPolling(
                vertx,
                new BotApi(vertx, connection.polling()),
                intake,
                TelegramConnection.POLL_TIMEOUT,
                new SplittableRandom())
            : null;
  }

  /** In webhook mode, adds {@code POST /telegram/webhook}; behind the router's BodyHandler. */
  public void mount(Router router) {
    if (settings.mode() == TelegramSettings.Mode.WEBHOOK) {
      new TelegramWebhook(settings.webhookSecret(), intake).mount(router);
    }
  }

  /**
   * Recovers updates a previous run left unhandled, starts sending the outbox, registers the
   * command menu, and starts long polling or (with a public URL) registers the webhook.
   */
  public Future<Void> start(Optional<URI> publicUrl) {
    return start(publicUrl, Lease.always());
  }

  /**
   * Starts the channel as one of several replicas. Every replica takes webhook updates and stores
   * them; only the holder of {@code lease} handles them, sends the outbox and long-polls, so
   * per-chat order and Telegram's per-bot limit hold across replicas. Completes once this replica
   * leads (recovery done) or follows.
   */
  public Future<Void> start(Optional<URI> publicUrl, Lease lease) {
    if (!lease.held()) {
      processor.follow(); // until the lease comes, if ever: updates stored here wait for the holder
    }
    menu.register();
    if (polling == null) {
      publicUrl.ifPresentOrElse(this::registerWebhook, this::webhookNotRegistered);
    }
    Promise<Void> started = Promise.promise();
    lease.whileHeld(() -> lead().onComplete(done -> started.tryComplete()), this::follow);
    if (!lease.held()) {
      started.tryComplete();
    }
    log.atInfo()
        .addKeyValue("event", "telegram.started")
        .addKeyValue("mode", settings.mode())
        .addKeyValue("api", settings.apiUrl().getHost())
        .log("Telegram channel started");
    return started.future();
  }

  private Future<Void> lead() {
    return processor
        .start()
        .onSuccess(
            recovered -> {
              dispatcher.start();
              if (polling != null) {
                polling.start();
              }
              log.atInfo()
                  .addKeyValue("event", "telegram.leading")
                  .log("this replica handles updates, sends the outbox and polls");
            });
  }

  private void follow() {
    if (polling != null) {
      polling.stop();
    }
    processor.follow();
    dispatcher.stop();
    log.atInfo()
        .addKeyValue("event", "telegram.following")
        .log("another replica handles updates and sends the outbox");
  }

  /**
   * Writes replies to the outbox in the dialogue's transaction. After the handler's future succeeds
   * the dispatcher is woken, so replies leave at once.
   */
  public OutboxWriter outbox() {
    return outbox;
  }

  /** Replies were enqueued outside a handler (an operator's, say): send them now. */
  public void wake() {
    dispatcher.wake();
  }

  OutboxDispatcher dispatcher() {
    return dispatcher;
  }

  UpdateProcessor processor() {
    return processor;
  }

  UpdateIntake intake() {
    return intake;
  }

  /** Stops polling, lets running handlers and sends finish briefly, and releases connections. */
  public Future<Void> close() {
    if (polling != null) {
      polling.stop();
    }
    return Future.join(processor.stop(), dispatcher.stop())
        .<Void>mapEmpty()
        .otherwiseEmpty()
        .onComplete(ignored -> connection.close());
  }

  private void registerWebhook(URI publicUrl) {
    String base = publicUrl.toString().replaceAll("/+$", "");
    api.call(
            SetWebhook.builder()
                .url(base + TelegramWebhook.PATH)
                .secretToken(settings.webhookSecret())
                .allowedUpdates(UpdateRoute.ALLOWED_UPDATES)
                .build())
        .onSuccess(
            ok ->
                log.atInfo()
                    .addKeyValue("event", "telegram.webhook_registered")
                    .log("webhook registered with Telegram"))
        .onFailure(
            e ->
                log.atError()
                    .addKeyValue("event", "telegram.webhook_not_registered")
                    .addKeyValue("reason", String.valueOf(BotApi.classify(e)))
                    .log("could not register the webhook with Telegram"));
  }

  private void webhookNotRegistered() {
    log.atWarn()
        .addKeyValue("event", "telegram.webhook_unregistered")
        .log(
            "Webhook mode without SELAM_PUBLIC_URL: register <public url>/telegram/webhook with"
                + " Telegram's setWebhook yourself, with the secret token");
  }
}

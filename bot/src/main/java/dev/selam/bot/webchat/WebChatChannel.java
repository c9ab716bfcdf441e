package dev.selam.bot.webchat;

import dev.selam.bot.channel.ChannelTexts;
import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.dispatch.DispatchPolicy;
import dev.selam.bot.dispatch.OutboxDispatcher;
import dev.selam.core.conversation.ConversationErasure;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.outbox.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web chat, whole: the page at {@code /chat}, its API, and replies out of the outbox into the
 * entries the page reads. Like every channel it hands the dialogue {@code InboundMessage}s and
 * delivers its outbox rows; the dialogue does not know it is a web page. Mount it before the
 * console's catch-all route, then start it.
 */
public final class WebChatChannel {
  public static final String CHANNEL = "webchat";
  private static final Logger log = LoggerFactory.getLogger(WebChatChannel.class);

  /** No provider's limits here: deliveries go to our own database as fast as they come. */
  static final DispatchPolicy POLICY =
      new DispatchPolicy(
          1000,
          Duration.ZERO,
          Duration.ofMillis(250),
          200,
          Duration.ofSeconds(10),
          Duration.ofMillis(200),
          Duration.ofSeconds(30),
          10);

  /** Chats with no entries left are forgotten after this long unseen. */
  static final Duration CHATS_KEPT = Duration.ofDays(90);

  private final Vertx vertx;
  private final WebChatStore store;
  private final WebChatLive live;
  private final WebChatApi api;
  private final WebChatPage page;
  private final OutboxDispatcher dispatcher;
  private long purgeTimer = -1;

  public WebChatChannel(
      Vertx vertx,
      WebChatSettings settings,
      Pool pool,
      FieldCipher cipher,
      Pseudonymizer pseudonymizer,
      ChannelTexts texts,
      InboundHandler dialogue) {
    Clock clock = Clock.systemUTC();
    this.vertx = vertx;
    this.store = new WebChatStore(pool, cipher, clock);
    this.live = new WebChatLive(vertx);
    this.dispatcher =
        new OutboxDispatcher(
            vertx,
            new OutboxStore(pool, cipher, clock),
            CHANNEL,
            new WebChatSender(store, vertx.eventBus()),
            POLICY,
            clock,
            new SplittableRandom());
    this.api =
        new WebChatApi(
            settings,
            store,
            new ChatSecret(pseudonymizer),
            dialogue,
            live,
            new WebChatTexts(texts),
            dispatcher::wake,
            clock);
    this.page = new WebChatPage(settings);
  }

  /** Adds {@code /chat}, {@code /chat/assets/*} and {@code /chat/api/*}; behind the BodyHandler. */
  public void mount(Router router) {
    page.mount(router);
    api.mount(router);
  }

  /** Starts delivering replies, pushing them to open pages, and dropping old entries. */
  public void start() {
    live.start();
    dispatcher.start();
    purgeTimer = vertx.setPeriodic(10 * 60_000L, id -> purge());
    purge();
    log.atInfo().addKeyValue("event", "webchat.started").log("web chat started at /chat");
  }

  /** Replies were enqueued outside a message (an operator's): deliver them now. */
  public void wake() {
    dispatcher.wake();
  }

  public Future<Void> close() {
    if (purgeTimer >= 0) {
      vertx.cancelTimer(purgeTimer);
    }
    live.stop();
    return dispatcher.stop();
  }

  private void purge() {
    store
        .purge(ConversationErasure.DELETABLE_FOR, CHATS_KEPT)
        .onFailure(
            e ->
                log.atWarn()
                    .addKeyValue("event", "webchat.purge_failed")
                    .addKeyValue("error", e.getClass().getSimpleName())
                    .log("could not drop old web chat entries; will try again"));
  }
}

package dev.selam.console;

import dev.selam.console.api.ConsoleApi;
import dev.selam.console.auth.SessionSettings;
import dev.selam.console.auth.SessionStore;
import dev.selam.console.canned.CannedReplies;
import dev.selam.console.canned.CannedReplyRoutes;
import dev.selam.console.dashboard.DashboardRoutes;
import dev.selam.console.dashboard.Statistics;
import dev.selam.console.live.LiveUpdates;
import dev.selam.console.operator.ConversationAccess;
import dev.selam.console.operator.ConversationRoutes;
import dev.selam.console.operator.NoteStore;
import dev.selam.console.operator.OperatorReplies;
import dev.selam.console.operator.QueueRoutes;
import dev.selam.console.settings.SettingsRoutes;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.Keys;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.escalation.OperatorsOnDuty;
import dev.selam.core.identity.StaffIdentity;
import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.settings.HotlineSettings;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The staff side wired once: the staff API (sign-in, staff, audit, hotline settings, and the
 * operators' and supervisors' work: queue, conversations, canned replies, dashboard, live updates),
 * built from its contract. Operations implemented in other modules (the knowledge base's editor
 * API) come in {@code moreOperations}, keyed by operationId.
 */
public final class HotlineConsole {
  private final ConsoleApi api;
  private final LiveUpdates live;

  private HotlineConsole(ConsoleApi api, LiveUpdates live) {
    this.api = api;
    this.live = live;
  }

  public static Future<HotlineConsole> create(
      Vertx vertx,
      Pool pool,
      Keys keys,
      StaffIdentity identity,
      SessionSettings sessionSettings,
      HotlineSettings hotlineSettings,
      Clock clock,
      Map<String, Handler<RoutingContext>> moreOperations) {
    var cipher = keys.cipher();
    var audit = identity.audit();
    EscalationStore escalations = new EscalationStore(pool, cipher, vertx.eventBus(), clock);
    ConversationStore conversations =
        new ConversationStore(pool, cipher, keys.pseudonymizer(), clock);
    ConversationAccess access = new ConversationAccess(escalations);
    LiveUpdates live =
        new LiveUpdates(
            vertx,
            escalations,
            new SessionStore(pool, identity.accounts(), sessionSettings, clock));

    Map<String, Handler<RoutingContext>> operations = new HashMap<>(moreOperations);
    operations.putAll(
        new QueueRoutes(
                escalations, new OperatorsOnDuty(pool, clock), identity.accounts(), audit, clock)
            .operations());
    operations.putAll(
        new ConversationRoutes(
                access,
                conversations,
                new OperatorReplies(
                    pool,
                    conversations,
                    new OutboxStore(pool, cipher, clock),
                    audit,
                    vertx.eventBus()),
                new NoteStore(pool, cipher, clock),
                identity.accounts(),
                audit,
                clock)
            .operations());
    operations.putAll(new CannedReplyRoutes(new CannedReplies(pool, clock), audit).operations());
    operations.putAll(new DashboardRoutes(new Statistics(pool, clock), audit).operations());
    operations.putAll(new SettingsRoutes(hotlineSettings).operations());
    operations.put("openLiveUpdates", live.handler());
    return ConsoleApi.create(vertx, pool, identity, sessionSettings, clock, operations)
        .map(api -> new HotlineConsole(api, live.listen()));
  }

  /** Mounts the staff API (the live socket is one of its operations). */
  public void mount(Router router) {
    api.mount(router);
  }

  public ConsoleApi api() {
    return api;
  }

  public LiveUpdates live() {
    return live;
  }

  public Future<Void> close() {
    return live.close();
  }
}

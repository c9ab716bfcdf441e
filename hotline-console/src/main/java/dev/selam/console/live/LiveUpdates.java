package dev.selam.console.live;

import dev.selam.console.api.ApiProblem;
import dev.selam.console.auth.SessionStore;
import dev.selam.console.auth.StaffSession;
import dev.selam.console.operator.ConversationAccess;
import dev.selam.core.escalation.Escalation;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.events.EventAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consoles' live feed: a WebSocket per signed-in console ({@code GET /api/live}, already past
 * the access guard, so the session and roles are checked), fed from the event bus. Frames carry
 * ids, levels and states, never a person's words: the console fetches what it may see. Events about
 * a conversation's messages reach only those who may read that conversation; queue events (which
 * every operator's queue may show) reach every console.
 */
public final class LiveUpdates {
  /** How often a socket's session is checked again (sign-out, idle timeout, disabled account). */
  static final long SESSION_CHECK_MILLIS = 30_000;

  private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
  private static final Map<String, String> ESCALATION_TYPES =
      Map.of(
          EventAddresses.ESCALATION_OPENED, "escalation.opened",
          EventAddresses.ESCALATION_RAISED, "escalation.raised",
          EventAddresses.ESCALATION_CLAIMED, "escalation.claimed",
          EventAddresses.ESCALATION_RELEASED, "escalation.released",
          EventAddresses.ESCALATION_TRANSFERRED, "escalation.transferred",
          EventAddresses.ESCALATION_CLOSED, "escalation.closed");

  private final Vertx vertx;
  private final EscalationStore escalations;
  private final SessionStore sessions;
  private final Map<ServerWebSocket, StaffSession> sockets = new ConcurrentHashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long timer = -1;

  public LiveUpdates(Vertx vertx, EscalationStore escalations, SessionStore sessions) {
    this.vertx = vertx;
    this.escalations = escalations;
    this.sessions = sessions;
  }

  /** Listens to the event bus (every replica's events) and starts the session checks. */
  public LiveUpdates listen() {
    var bus = vertx.eventBus();
    ESCALATION_TYPES.forEach(
        (address, type) ->
            consumers.add(
                bus.<JsonObject>consumer(
                    address, m -> toEveryone(escalationFrame(type, m.body())))));
    consumers.add(
        bus.<JsonObject>consumer(
            EventAddresses.CONVERSATION_MESSAGE,
            m -> toReaders(m.body().getString("conversationId"), messageFrame(m.body()))));
    consumers.add(
        bus.<JsonObject>consumer(
            EventAddresses.DELIVERY_CHANGED,
            m ->
                toReaders(
                    m.body().getString("conversationId"),
                    messageFrame(m.body())
                        .put("type", "delivery.changed")
                        .put("state", m.body().getString("state")))));
    consumers.add(
        bus.<JsonObject>consumer(
            EventAddresses.CONVERSATION_ERASED,
            m ->
                toEveryone(
                    new JsonObject()
                        .put("type", "conversation.erased")
                        .put("conversationId", m.body().getString("conversationId")))));
    timer = vertx.setPeriodic(SESSION_CHECK_MILLIS, id -> recheckSessions());
    return this;
  }

  /** The {@code openLiveUpdates} operation: upgrades a request from this origin. */
  public Handler<RoutingContext> handler() {
    return ctx -> {
      var request = ctx.request();
      if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
        ApiProblem.send(
            ctx,
            400,
            ApiProblem.INVALID_REQUEST,
            "WebSocket only",
            "Open this address as a WebSocket from the console.");
        return;
      }
      // The authority the browser used: the Host header, or behind a trusted proxy
      // (SELAM_HTTP_TRUST_FORWARDED, the router's allowForward) X-Forwarded-Host.
      if (!sameOrigin(request.getHeader("Origin"), request.authority())) {
        ApiProblem.send(
            ctx,
            403,
            ApiProblem.CSRF,
            "Wrong origin",
            "Live updates are open only to the console's own pages.");
        return;
      }
      StaffSession session = StaffSession.of(ctx);
      request
          .toWebSocket()
          .onFailure(
              e ->
                  log.atInfo()
                      .addKeyValue("event", "console.live_upgrade_failed")
                      .addKeyValue("error", e.getClass().getSimpleName())
                      .log("live socket upgrade failed"))
          .onSuccess(socket -> register(socket, session));
    };
  }

  /**
   * The page that opens the socket must come from the authority it connects to: the same host, and
   * the same port (an absent port being the default of the origin's scheme on either side).
   */
  static boolean sameOrigin(String origin, HostAndPort authority) {
    if (origin == null || authority == null || origin.equals("null")) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      if (uri.getHost() == null || !uri.getHost().equalsIgnoreCase(authority.host())) {
        return false;
      }
      int originPort = uri.getPort();
      int port = authority.port();
      int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      return originPort == port
          || (originPort == -1 && port == defaultPort)
          || (port == -1 && originPort == defaultPort);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void register(ServerWebSocket socket, StaffSession session) {
    sockets.put(socket, session);
    socket.closeHandler(v -> sockets.remove(socket));
    socket.exceptionHandler(e -> sockets.remove(socket));
    // The console only listens; whatever it sends is ignored.
    socket.handler(buffer -> {});
    socket.writeTextMessage(new JsonObject().put("type", "hello").encode());
  }

  private void toEveryone(JsonObject frame) {
    String text = frame.encode();
    sockets.keySet().forEach(socket -> write(socket, text));
  }

  /** Looks up who may read the conversation now, once per event, then tells only them. */
  private void toReaders(String conversationId, JsonObject frame) {
    if (conversationId == null || sockets.isEmpty()) {
      return;
    }
    String text = frame.encode();
    escalations
        .openFor(conversationId)
        .onFailure(e -> failed("console.live_lookup_failed", e))
        .onSuccess(
            (Optional<Escalation> open) ->
                sockets.forEach(
                    (socket, session) -> {
                      if (ConversationAccess.mayWatch(session.account(), open)) {
                        write(socket, text);
                      }
                    }));
  }

  private void recheckSessions() {
    sockets.forEach(
        (socket, session) ->
            sessions
                .isLive(session.tokenHash())
                .onFailure(e -> failed("console.live_session_check_failed", e))
                .onSuccess(
                    live -> {
                      if (!live) {
                        sockets.remove(socket);
                        socket.close((short) 4401, "session ended");
                      }
                    }));
  }

  private static void write(ServerWebSocket socket, String text) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(text);
    }
  }

  private static JsonObject escalationFrame(String type, JsonObject escalation) {
    JsonObject payload = escalation.copy();
    // toEvent() already leaves out the person's words; keep it that way if it ever changes.
    if (payload.getValue("indicators") instanceof io.vertx.core.json.JsonArray indicators) {
      indicators.forEach(i -> ((JsonObject) i).remove("words"));
    }
    return new JsonObject().put("type", type).put("escalation", payload);
  }

  private static JsonObject messageFrame(JsonObject event) {
    return new JsonObject()
        .put("type", "conversation.message")
        .put("conversationId", event.getString("conversationId"))
        .put("messageId", event.getString("messageId"));
  }

  private static void failed(String event, Throwable e) {
    log.atWarn()
        .addKeyValue("event", event)
        .addKeyValue("error", e.getClass().getSimpleName())
        .log("live update step failed");
  }

  /** How many consoles are connected (for tests and metrics). */
  public int connected() {
    return sockets.size();
  }

  public Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    consumers.forEach(MessageConsumer::unregister);
    sockets.keySet().forEach(ServerWebSocket::close);
    sockets.clear();
    return Future.succeededFuture();
  }
}

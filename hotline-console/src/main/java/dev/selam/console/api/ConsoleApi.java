package dev.selam.console.api;

import dev.selam.console.audit.AuditRoutes;
import dev.selam.console.auth.AccessGuard;
import dev.selam.console.auth.SessionRoutes;
import dev.selam.console.auth.SessionSettings;
import dev.selam.console.auth.SessionStore;
import dev.selam.console.staff.StaffRoutes;
import dev.selam.core.identity.StaffIdentity;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The staff API, built from its contract ({@value #CONTRACT}, served at {@code /api/openapi.yaml}).
 * Every operation in the contract gets the same chain: body, access guard (session, CSRF, setup,
 * {@code x-roles}), validation against the contract, then its handler. The service does not start
 * when an operation has no handler or a handler no operation.
 *
 * <p>To add a route: describe the operation in the contract (with {@code operationId} and {@code
 * x-roles}), and pass its handler in {@code moreOperations}, keyed by that id. The handler finds
 * the caller with {@link dev.selam.console.auth.StaffSession#of} and the validated input with
 * {@link ApiRequest}.
 */
public final class ConsoleApi {
  public static final String CONTRACT = "openapi/staff-api.yaml";
  private static final long BODY_LIMIT = 64 * 1024;
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String CSV = "text/csv";

  private final Router router;
  private final Set<String> operationIds;

  private ConsoleApi(Router router, Set<String> operationIds) {
    this.router = router;
    this.operationIds = operationIds;
  }

  /** The staff API of this module, plus operations implemented elsewhere (by operationId). */
  public static Future<ConsoleApi> create(
      Vertx vertx,
      Pool pool,
      StaffIdentity identity,
      SessionSettings sessionSettings,
      Clock clock,
      Map<String, Handler<RoutingContext>> moreOperations) {
    SessionStore sessions = new SessionStore(pool, identity.accounts(), sessionSettings, clock);
    Map<String, Handler<RoutingContext>> handlers = new HashMap<>();
    String contractText = readContract();
    Buffer contractBytes = Buffer.buffer(contractText);
    handlers.put(
        "getOpenApi",
        ctx ->
            ctx.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(contractBytes));
    addAll(handlers, new SessionRoutes(identity, sessions, clock).operations());
    addAll(handlers, new StaffRoutes(identity.accounts()).operations());
    addAll(handlers, new AuditRoutes(identity.audit()).operations());
    addAll(handlers, moreOperations);
    AccessGuard guard = new AccessGuard(sessions, identity.settings().totpRequired());
    return Utils.yamlStringToJson(contractText)
        .compose(json -> OpenAPIContract.from(vertx, problemsAsJson(json)))
        .map(contract -> build(vertx, contract, guard, handlers));
  }

  private static ConsoleApi build(
      Vertx vertx,
      OpenAPIContract contract,
      AccessGuard guard,
      Map<String, Handler<RoutingContext>> handlers) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract);
    ContractValidation validation = new ContractValidation(vertx, contract);
    Set<String> unimplemented = new TreeSet<>();
    Set<String> ids = new TreeSet<>();
    for (OpenAPIRoute route : builder.getRoutes()) {
      var operation = route.getOperation();
      String id = operation.getOperationId();
      ids.add(id);
      Handler<RoutingContext> handler = handlers.get(id);
      if (handler == null) {
        unimplemented.add(id);
        continue;
      }
      OperationAccess access = OperationAccess.of(operation);
      // Our own chain instead of the builder's: the guard must run before validation.
      route
          .setDoValidation(false)
          .setDoSecurity(false)
          .addHandler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
          .addHandler(ConsoleApi::holdUpgrade)
          .addHandler(ConsoleApi::noStore)
          .addHandler(guard.forOperation(access))
          .addHandler(validation.forOperation(operation))
          .addHandler(handler);
    }
    Set<String> undocumented = new TreeSet<>(handlers.keySet());
    undocumented.removeAll(ids);
    if (!unimplemented.isEmpty() || !undocumented.isEmpty()) {
      throw new IllegalStateException(
          "staff API and its contract disagree: operations without a handler "
              + unimplemented
              + ", handlers without an operation "
              + undocumented);
    }
    return new ConsoleApi(builder.createRouter(), Set.copyOf(ids));
  }

  /**
   * Mounts the API. The contract's paths are full paths ({@code /api/...}: vertx-openapi wants an
   * absolute server URL for a base path), so the router is mounted at the root; a request that
   * matches none of its routes passes on to the parent's next routes.
   */
  public void mount(Router parent) {
    parent.route("/*").subRouter(router);
  }

  /** The router built from the contract: one route per operation. */
  public Router router() {
    return router;
  }

  public Set<String> operationIds() {
    return operationIds;
  }

  /**
   * A WebSocket upgrade waits, paused, through the guard's asynchronous session lookup: otherwise
   * the request ends meanwhile and can no longer be upgraded.
   */
  private static void holdUpgrade(RoutingContext ctx) {
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.request().pause();
    }
    ctx.next();
  }

  private static void noStore(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    ctx.next();
  }

  private static void addAll(
      Map<String, Handler<RoutingContext>> into, Map<String, Handler<RoutingContext>> more) {
    more.forEach(
        (id, handler) -> {
          if (into.putIfAbsent(id, handler) != null) {
            throw new IllegalStateException("two handlers for operation " + id);
          }
        });
  }

  /**
   * vertx-openapi 5.0 refuses {@code application/problem+json} (and {@code text/csv}) in responses
   * (it validates only requests here, so responses' media types do not matter to it): it is handed
   * a copy that says {@code application/json} ({@code text/plain}) there, while clients get the
   * document as written.
   */
  static JsonObject problemsAsJson(JsonObject contract) {
    JsonObject copy = contract.copy();
    List<JsonObject> responseSets = new ArrayList<>();
    JsonObject components = copy.getJsonObject("components", new JsonObject());
    responseSets.add(components.getJsonObject("responses", new JsonObject()));
    copy.getJsonObject("paths", new JsonObject())
        .forEach(
            path ->
                ((JsonObject) path.getValue())
                    .forEach(
                        operation -> {
                          if (operation.getValue() instanceof JsonObject op
                              && op.getValue("responses") instanceof JsonObject responses) {
                            responseSets.add(responses);
                          }
                        }));
    for (JsonObject responses : responseSets) {
      responses.forEach(
          response -> {
            if (response.getValue() instanceof JsonObject r
                && r.getValue("content") instanceof JsonObject content) {
              if (content.containsKey(PROBLEM_JSON)) {
                content.put("application/json", content.remove(PROBLEM_JSON));
              }
              if (content.containsKey(CSV)) {
                content.put("text/plain", content.remove(CSV));
              }
            }
          });
    }
    return copy;
  }

  static String readContract() {
    try (InputStream in = ConsoleApi.class.getClassLoader().getResourceAsStream(CONTRACT)) {
      if (in == null) {
        throw new IllegalStateException(CONTRACT + " is missing from the class path");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

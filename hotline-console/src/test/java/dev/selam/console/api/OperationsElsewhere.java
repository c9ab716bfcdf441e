package dev.selam.console.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.impl.Utils;
import java.util.HashMap;
import java.util.Map;

/**
 * Stand-ins for the operations the contract assigns to other modules (by tag, e.g. {@code
 * knowledge-base}): this module's tests build the whole contract, so the guard in front of those
 * routes is tested here too, while their real handlers are tested where they are wired (server). A
 * stand-in answers 501, so a test that got past the guard can tell.
 */
public final class OperationsElsewhere {
  public static final String TAG = "knowledge-base";

  private OperationsElsewhere() {}

  public static Map<String, Handler<RoutingContext>> standIns() {
    JsonObject contract = Utils.yamlStringToJson(ConsoleApi.readContract()).await();
    Map<String, Handler<RoutingContext>> handlers = new HashMap<>();
    contract
        .getJsonObject("paths")
        .forEach(
            path ->
                ((JsonObject) path.getValue())
                    .forEach(
                        operation -> {
                          if (operation.getValue() instanceof JsonObject op
                              && op.getValue("tags") instanceof JsonArray tags
                              && tags.contains(TAG)) {
                            handlers.put(
                                op.getString("operationId"),
                                ctx ->
                                    ApiProblem.send(
                                        ctx,
                                        501,
                                        "urn:selam:problem:elsewhere",
                                        "Implemented by another module",
                                        null));
                          }
                        }));
    return handlers;
  }
}

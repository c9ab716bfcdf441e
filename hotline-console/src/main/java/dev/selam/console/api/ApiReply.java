package dev.selam.console.api;

import dev.selam.core.identity.StaffChangeRefused;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers of the staff API: JSON on success, a problem document for a refused change. */
public final class ApiReply {
  private ApiReply() {}

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  public static void ok(RoutingContext ctx, JsonObject body) {
    json(ctx, 200, body);
  }

  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  /** A refused change becomes 400, 404 or 409 saying why; anything else is the router's 500. */
  public static void failure(RoutingContext ctx, Throwable failure) {
    if (failure instanceof StaffChangeRefused refused) {
      switch (refused.reason()) {
        case INVALID ->
            ApiProblem.send(
                ctx, 400, ApiProblem.INVALID_REQUEST, "Not acceptable", refused.getMessage());
        case NOT_FOUND ->
            ApiProblem.send(ctx, 404, ApiProblem.NOT_FOUND, "Not found", refused.getMessage());
        case CONFLICT ->
            ApiProblem.send(ctx, 409, ApiProblem.CONFLICT, "Conflict", refused.getMessage());
      }
      return;
    }
    ctx.fail(failure);
  }
}

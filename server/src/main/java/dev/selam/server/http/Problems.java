package dev.selam.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error as an RFC 9457 problem document, written in one place. */
public final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  public static void install(Router router) {
    router.errorHandler(400, ctx -> send(ctx, 400, "Bad request"));
    router.errorHandler(404, ctx -> send(ctx, 404, "Not found"));
    router.errorHandler(405, ctx -> send(ctx, 405, "Method not allowed"));
    router.errorHandler(413, ctx -> send(ctx, 413, "Request body too large"));
    router.errorHandler(
        500,
        ctx -> {
          // The failure's class only: exception messages may quote what a person wrote.
          log.atError()
              .addKeyValue("event", "http.unhandled_failure")
              .addKeyValue("path", ctx.normalizedPath())
              .addKeyValue(
                  "failure", ctx.failure() == null ? "none" : ctx.failure().getClass().getName())
              .log("request failed");
          send(ctx, 500, "Internal error");
        });
  }

  public static void send(RoutingContext ctx, int status, String title) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .end(
            new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .encode());
  }
}

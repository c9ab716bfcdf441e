package dev.selam.bot.webchat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How the web chat's API answers: JSON, never cached, errors as problem documents with a code. */
final class WebChatReplies {
  private WebChatReplies() {}

  static void problem(RoutingContext ctx, int status, String code, String title, JsonObject extra) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject body =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", title)
            .put("status", status)
            .put("code", code);
    if (extra != null) {
      body.mergeIn(extra);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}

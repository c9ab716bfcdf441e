package dev.selam.knowledge.editor;

import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.article.ConcurrentEditException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers of the editor API, in the staff API's forms: JSON, or an RFC 9457 problem document whose
 * {@code type} is one of the staff API's (the console acts on them the same way).
 */
final class EditorReply {
  static final String INVALID_REQUEST = "urn:selam:problem:invalid-request";
  static final String INVALID_CONTENT = "urn:selam:problem:invalid-content";
  static final String NOT_FOUND = "urn:selam:problem:not-found";
  static final String CONFLICT = "urn:selam:problem:conflict";

  private EditorReply() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  static void ok(RoutingContext ctx, JsonObject body) {
    json(ctx, 200, body);
  }

  static void problem(
      RoutingContext ctx, int status, String type, String title, String detail, JsonArray errors) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject problem =
        new JsonObject().put("type", type).put("title", title).put("status", status);
    if (detail != null) {
      problem.put("detail", detail);
    }
    if (errors != null && !errors.isEmpty()) {
      problem.put("errors", errors);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .end(problem.encode());
  }

  /** A refused change says why (400, 404, 409); anything else is the router's 500. */
  static void failure(RoutingContext ctx, Throwable failure) {
    if (failure instanceof ConcurrentEditException stale) {
      problem(
          ctx,
          409,
          CONFLICT,
          "Someone else changed this article",
          stale.getMessage() + ". Reload it, then make your change again.",
          null);
    } else if (failure instanceof KnowledgeBase.ArticleNotFoundException missing) {
      problem(ctx, 404, NOT_FOUND, "Not found", missing.getMessage(), null);
    } else if (failure instanceof NotAcceptable refused) {
      problem(ctx, 400, INVALID_REQUEST, "Not acceptable", refused.getMessage(), null);
    } else {
      ctx.fail(failure);
    }
  }

  /** A request that fits the contract but not the knowledge base (an unknown topic). */
  static final class NotAcceptable extends RuntimeException {
    NotAcceptable(String message) {
      super(message);
    }
  }
}

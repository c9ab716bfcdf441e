package dev.selam.console.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * RFC 9457 problem documents for the staff API. The {@code type} names the kind of problem so a
 * client can act on it; {@code detail} says what to fix, in words a person can read.
 */
public final class ApiProblem {
  public static final String INVALID_REQUEST = "urn:selam:problem:invalid-request";
  public static final String UNAUTHENTICATED = "urn:selam:problem:unauthenticated";
  public static final String SIGN_IN_FAILED = "urn:selam:problem:sign-in-failed";
  public static final String LOCKED = "urn:selam:problem:locked";
  public static final String CSRF = "urn:selam:problem:csrf";
  public static final String SETUP_REQUIRED = "urn:selam:problem:setup-required";
  public static final String ROLE_REQUIRED = "urn:selam:problem:role-required";
  public static final String NOT_FOUND = "urn:selam:problem:not-found";
  public static final String CONFLICT = "urn:selam:problem:conflict";

  private ApiProblem() {}

  public static void send(
      RoutingContext ctx, int status, String type, String title, String detail) {
    send(ctx, status, type, title, detail, null);
  }

  public static void send(
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
        .putHeader("Cache-Control", "no-store")
        .end(problem.encode());
  }
}

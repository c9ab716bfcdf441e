package dev.selam.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a query string that cannot be decoded (a stray {@code %ZZ}) with 400 before any route is
 * matched: matching a route with path parameters decodes the query, and an exception there would
 * close the connection instead of answering.
 */
public final class QueryStringCheck implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, 400, "The query string is not valid percent-encoding");
      return;
    }
    ctx.next();
  }
}

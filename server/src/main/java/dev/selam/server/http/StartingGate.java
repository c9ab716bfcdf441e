package dev.selam.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds back every request behind it with 503 and {@code Retry-After} until the service has
 * started. The service listens before storage, search and the console are up, so that liveness
 * answers at once and an orchestrator sees a process that is starting rather than one that hangs;
 * Telegram retries an update refused this way, and readiness says when to send traffic.
 */
public final class StartingGate implements Handler<RoutingContext> {
  static final String RETRY_AFTER_SECONDS = "5";

  private volatile boolean open;

  public void open() {
    open = true;
  }

  public boolean isOpen() {
    return open;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (open) {
      ctx.next();
      return;
    }
    ctx.response()
        .putHeader("Retry-After", RETRY_AFTER_SECONDS)
        .putHeader("Cache-Control", "no-store");
    Problems.send(ctx, 503, "Starting");
  }
}

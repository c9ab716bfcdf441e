package dev.selam.console.audit;

import dev.selam.console.api.ApiReply;
import dev.selam.console.api.ApiRequest;
import dev.selam.core.audit.AuditEvent;
import dev.selam.core.audit.AuditFilter;
import dev.selam.core.audit.AuditLog;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The admins' view of the audit log: pages of events (by who acted, what was done, to what), and
 * the chain's verification.
 */
public final class AuditRoutes {
  private static final int DEFAULT_LIMIT = 100;

  private final AuditLog audit;

  public AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> operations() {
    return Map.of("listAuditEvents", this::list, "verifyAuditLog", this::verify);
  }

  private void list(RoutingContext ctx) {
    Long before = ApiRequest.queryLong(ctx, "before");
    Long limit = ApiRequest.queryLong(ctx, "limit");
    int size = limit == null ? DEFAULT_LIMIT : limit.intValue();
    AuditFilter filter =
        new AuditFilter(
            ApiRequest.queryString(ctx, "actor"),
            ApiRequest.queryString(ctx, "action"),
            ApiRequest.queryString(ctx, "target"));
    audit
        .page(before, size, filter)
        .onFailure(ctx::fail)
        .onSuccess(
            events -> {
              JsonObject page =
                  new JsonObject()
                      .put(
                          "events", new JsonArray(events.stream().map(AuditRoutes::json).toList()));
              long oldest = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
              if (events.size() == size && oldest > 1) {
                page.put("nextBefore", oldest);
              }
              ApiReply.ok(ctx, page);
            });
  }

  private void verify(RoutingContext ctx) {
    audit
        .verify()
        .onFailure(ctx::fail)
        .onSuccess(
            result -> {
              JsonObject body =
                  new JsonObject().put("intact", result.intact()).put("checked", result.checked());
              result.firstBrokenSeq().ifPresent(seq -> body.put("firstBrokenSeq", seq));
              if (result.problem() != null) {
                body.put("problem", result.problem());
              }
              ApiReply.ok(ctx, body);
            });
  }

  static JsonObject json(AuditEvent event) {
    return new JsonObject()
        .put("seq", event.seq())
        .put("at", event.at().toString())
        .put("actor", event.actor())
        .put("action", event.action())
        .put("target", event.target())
        .put("details", event.detailsJson())
        .put("hash", event.hash());
  }
}

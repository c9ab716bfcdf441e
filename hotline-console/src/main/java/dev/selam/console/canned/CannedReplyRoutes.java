package dev.selam.console.canned;

import dev.selam.console.api.ApiProblem;
import dev.selam.console.api.ApiReply;
import dev.selam.console.api.ApiRequest;
import dev.selam.console.auth.StaffSession;
import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.util.Map;

/** Canned replies: operators read them, supervisors keep them (each change audited). */
public final class CannedReplyRoutes {
  private final CannedReplies replies;
  private final AuditLog audit;

  public CannedReplyRoutes(CannedReplies replies, AuditLog audit) {
    this.replies = replies;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> operations() {
    return Map.of(
        "listCannedReplies", this::list,
        "createCannedReply", this::create,
        "updateCannedReply", this::update,
        "deleteCannedReply", this::delete);
  }

  private void list(RoutingContext ctx) {
    RequestParameter language = ApiRequest.validated(ctx).getQuery().get("language");
    replies
        .list(language == null || language.isNull() ? null : language.getString())
        .onFailure(ctx::fail)
        .onSuccess(
            all ->
                ApiReply.ok(
                    ctx,
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(
                                all.stream().map(CannedReplies.CannedReply::toJson).toList()))));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = ApiRequest.body(ctx);
    String actor = StaffSession.of(ctx).username();
    replies
        .create(body.getString("language"), body.getString("title"), body.getString("text"), actor)
        .compose(
            reply ->
                audit
                    .append(
                        AuditEntry.of(actor, "canned_reply.created", reply.id())
                            .with("language", reply.language()))
                    .map(reply))
        .onFailure(ctx::fail)
        .onSuccess(reply -> ApiReply.json(ctx, 201, reply.toJson()));
  }

  private void update(RoutingContext ctx) {
    JsonObject body = ApiRequest.body(ctx);
    String id = ApiRequest.path(ctx, "id");
    String actor = StaffSession.of(ctx).username();
    replies
        .update(
            id, body.getString("language"), body.getString("title"), body.getString("text"), actor)
        .compose(
            changed ->
                changed.isEmpty()
                    ? io.vertx.core.Future.succeededFuture(changed)
                    : audit.append(AuditEntry.of(actor, "canned_reply.changed", id)).map(changed))
        .onFailure(ctx::fail)
        .onSuccess(
            changed -> {
              if (changed.isEmpty()) {
                notFound(ctx);
              } else {
                ApiReply.ok(ctx, changed.get().toJson());
              }
            });
  }

  private void delete(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    String actor = StaffSession.of(ctx).username();
    replies
        .delete(id)
        .compose(
            gone ->
                gone
                    ? audit.append(AuditEntry.of(actor, "canned_reply.deleted", id)).map(true)
                    : io.vertx.core.Future.succeededFuture(false))
        .onFailure(ctx::fail)
        .onSuccess(
            gone -> {
              if (gone) {
                ApiReply.noContent(ctx);
              } else {
                notFound(ctx);
              }
            });
  }

  private static void notFound(RoutingContext ctx) {
    ApiProblem.send(ctx, 404, ApiProblem.NOT_FOUND, "Not found", "No such canned reply.");
  }
}

package dev.selam.console.staff;

import dev.selam.console.api.ApiProblem;
import dev.selam.console.api.ApiReply;
import dev.selam.console.api.ApiRequest;
import dev.selam.console.auth.StaffSession;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccount;
import dev.selam.core.identity.StaffAccounts;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admins' staff accounts: list, create, change, disable and enable, reset. */
public final class StaffRoutes {
  private final StaffAccounts accounts;

  public StaffRoutes(StaffAccounts accounts) {
    this.accounts = accounts;
  }

  public Map<String, Handler<RoutingContext>> operations() {
    return Map.of(
        "listStaff", this::list,
        "createStaff", this::create,
        "getStaff", this::get,
        "updateStaff", this::update,
        "disableStaff", ctx -> setDisabled(ctx, true),
        "enableStaff", ctx -> setDisabled(ctx, false),
        "resetStaffPassword", this::resetPassword,
        "resetStaffTotp", this::resetTotp);
  }

  private void list(RoutingContext ctx) {
    accounts
        .list()
        .onFailure(ctx::fail)
        .onSuccess(
            all ->
                ApiReply.ok(
                    ctx,
                    new JsonObject()
                        .put(
                            "staff",
                            new JsonArray(all.stream().map(StaffJson::account).toList()))));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = ApiRequest.body(ctx);
    accounts
        .create(
            new StaffAccounts.NewStaff(
                body.getString("username"),
                body.getString("displayName"),
                roles(body.getJsonArray("roles")),
                strings(body.getJsonArray("languages")),
                body.getString("uiLanguage")),
            StaffSession.of(ctx).username())
        .onFailure(e -> ApiReply.failure(ctx, e))
        .onSuccess(
            created ->
                ApiReply.json(
                    ctx, 201, withPassword(created.account(), created.oneTimePassword())));
  }

  private void get(RoutingContext ctx) {
    accounts
        .find(ApiRequest.path(ctx, "id"))
        .onFailure(ctx::fail)
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                ApiProblem.send(ctx, 404, ApiProblem.NOT_FOUND, "Not found", "No such account.");
              } else {
                ApiReply.ok(ctx, StaffJson.account(found.get()));
              }
            });
  }

  private void update(RoutingContext ctx) {
    JsonObject body = ApiRequest.body(ctx);
    accounts
        .update(
            ApiRequest.path(ctx, "id"),
            new StaffAccounts.StaffUpdate(
                body.getString("displayName"),
                body.containsKey("roles") ? roles(body.getJsonArray("roles")) : null,
                body.containsKey("languages") ? strings(body.getJsonArray("languages")) : null,
                body.getString("uiLanguage")),
            StaffSession.of(ctx).username())
        .onFailure(e -> ApiReply.failure(ctx, e))
        .onSuccess(account -> ApiReply.ok(ctx, StaffJson.account(account)));
  }

  private void setDisabled(RoutingContext ctx, boolean disabled) {
    accounts
        .setDisabled(ApiRequest.path(ctx, "id"), disabled, StaffSession.of(ctx).username())
        .onFailure(e -> ApiReply.failure(ctx, e))
        .onSuccess(account -> ApiReply.ok(ctx, StaffJson.account(account)));
  }

  private void resetPassword(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    accounts
        .resetPassword(id, StaffSession.of(ctx).username())
        .compose(
            password -> accounts.find(id).map(found -> withPassword(found.orElseThrow(), password)))
        .onFailure(e -> ApiReply.failure(ctx, e))
        .onSuccess(body -> ApiReply.ok(ctx, body));
  }

  private void resetTotp(RoutingContext ctx) {
    accounts
        .resetTotp(ApiRequest.path(ctx, "id"), StaffSession.of(ctx).username())
        .onFailure(e -> ApiReply.failure(ctx, e))
        .onSuccess(account -> ApiReply.ok(ctx, StaffJson.account(account)));
  }

  private static JsonObject withPassword(StaffAccount account, String oneTimePassword) {
    return new JsonObject()
        .put("account", StaffJson.account(account))
        .put("oneTimePassword", oneTimePassword);
  }

  private static Set<Role> roles(JsonArray ids) {
    return Role.parseAll(strings(ids));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}

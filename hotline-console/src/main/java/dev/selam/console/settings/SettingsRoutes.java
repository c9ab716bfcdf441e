package dev.selam.console.settings;

import dev.selam.console.api.ApiProblem;
import dev.selam.console.api.ApiReply;
import dev.selam.console.api.ApiRequest;
import dev.selam.console.auth.StaffSession;
import dev.selam.core.config.ConfigException;
import dev.selam.core.settings.HotlineSettings;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/** The admins' hotline settings: opening hours, their time zone, the retention period. */
public final class SettingsRoutes {
  private final HotlineSettings settings;

  public SettingsRoutes(HotlineSettings settings) {
    this.settings = settings;
  }

  public Map<String, Handler<RoutingContext>> operations() {
    return Map.of("getHotlineSettings", this::get, "updateHotlineSettings", this::update);
  }

  private void get(RoutingContext ctx) {
    settings.current().onFailure(ctx::fail).onSuccess(current -> ApiReply.ok(ctx, json(current)));
  }

  private void update(RoutingContext ctx) {
    JsonObject body = ApiRequest.body(ctx);
    Map<String, String> changes = new HashMap<>();
    for (String name : HotlineSettings.NAMES) {
      changes.put(name, body.getString(name));
    }
    settings
        .change(changes, StaffSession.of(ctx).username())
        .onFailure(
            e -> {
              if (e instanceof ConfigException refused) {
                ApiProblem.send(
                    ctx,
                    400,
                    ApiProblem.INVALID_REQUEST,
                    "Not acceptable",
                    refused.getMessage(),
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("location", "/" + refused.setting())
                                .put("error", refused.problem())));
              } else {
                ctx.fail(e);
              }
            })
        .onSuccess(current -> ApiReply.ok(ctx, json(current)));
  }

  private static JsonObject json(HotlineSettings.Current current) {
    JsonObject body = values(current.values());
    return body.put("defaults", values(current.defaults().asMap()))
        .put(
            "overridden",
            new JsonArray(
                HotlineSettings.NAMES.stream().filter(current.overridden()::contains).toList()));
  }

  private static JsonObject values(Map<String, String> values) {
    JsonObject json = new JsonObject();
    HotlineSettings.NAMES.forEach(name -> json.put(name, values.get(name)));
    return json;
  }
}

package dev.selam.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a form or multipart body on a method that carries none (a GET with {@code Content-Type:
 * application/x-www-form-urlencoded}) with 415, before the body is read: Vert.x's BodyHandler asks
 * to decode such a body, the request refuses that for those methods, and the answer was a 500.
 */
public final class FormBodyCheck implements Handler<RoutingContext> {
  private static final Set<HttpMethod> WITH_FORMS =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  @Override
  public void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !WITH_FORMS.contains(ctx.request().method()) && isForm(type)) {
      Problems.send(ctx, 415, "A form body is not accepted with " + ctx.request().method());
      return;
    }
    ctx.next();
  }

  private static boolean isForm(String type) {
    String lower = type.toLowerCase(Locale.ROOT).trim();
    return lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/");
  }
}

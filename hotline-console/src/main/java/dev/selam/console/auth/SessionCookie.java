package dev.selam.console.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The session cookie: HttpOnly (no script reads it), Secure, SameSite=Strict (no other site's page
 * sends it), Path=/ and no Domain, hence the {@code __Host-} prefix browsers enforce. No Max-Age:
 * it goes when the browser closes; the server ends it sooner when idle.
 */
public final class SessionCookie {
  public static final String NAME = "__Host-selam-session";
  private static final int MAX_TOKEN_LENGTH = 64;

  private SessionCookie() {}

  static Optional<String> read(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(NAME);
    if (cookie == null) {
      return Optional.empty();
    }
    String value = cookie.getValue();
    if (value == null || value.isEmpty() || value.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  static void set(RoutingContext ctx, String token) {
    ctx.response().addCookie(base(token));
  }

  static void clear(RoutingContext ctx) {
    ctx.response().addCookie(base("").setMaxAge(0));
  }

  private static Cookie base(String value) {
    return Cookie.cookie(NAME, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(true)
        .setSameSite(CookieSameSite.STRICT);
  }
}

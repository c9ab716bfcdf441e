package dev.selam.console.auth;

import dev.selam.core.identity.StaffAccount;
import io.vertx.ext.web.RoutingContext;

/**
 * The session a request came with and who it belongs to, as the access guard found them. Handlers
 * (including those other modules add) read it with {@link #of}.
 */
public record StaffSession(String tokenHash, String csrfToken, StaffAccount account) {
  public static final String KEY = "selam.staffSession";

  public static StaffSession of(RoutingContext ctx) {
    StaffSession session = ctx.get(KEY);
    if (session == null) {
      throw new IllegalStateException("no signed-in staff on " + ctx.normalizedPath());
    }
    return session;
  }

  public String username() {
    return account.username();
  }
}

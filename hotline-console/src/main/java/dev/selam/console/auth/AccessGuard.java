package dev.selam.console.auth;

import dev.selam.console.api.ApiProblem;
import dev.selam.console.api.OperationAccess;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The first handler of every operation: who is asking, and may they? In order: a live session (else
 * 401), the CSRF token on a request that changes state (else 403), setup finished unless the
 * operation helps finish it (else 403), one of the operation's roles (else 403). Validation and the
 * work come after, so a refused caller learns nothing else.
 */
public final class AccessGuard {
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD);
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final SessionStore sessions;
  private final boolean totpRequired;

  public AccessGuard(SessionStore sessions, boolean totpRequired) {
    this.sessions = sessions;
    this.totpRequired = totpRequired;
  }

  public Handler<RoutingContext> forOperation(OperationAccess access) {
    if (access.open()) {
      return RoutingContext::next;
    }
    return ctx -> {
      var token = SessionCookie.read(ctx);
      if (token.isEmpty()) {
        unauthenticated(ctx);
        return;
      }
      sessions
          .find(token.get())
          .onFailure(ctx::fail)
          .onSuccess(
              found -> {
                if (found.isEmpty()) {
                  SessionCookie.clear(ctx);
                  unauthenticated(ctx);
                  return;
                }
                StaffSession session = found.get();
                if (!SAFE.contains(ctx.request().method())
                    && !SessionTokens.csrfMatches(
                        token.get(), ctx.request().getHeader(CSRF_HEADER))) {
                  ApiProblem.send(
                      ctx,
                      403,
                      ApiProblem.CSRF,
                      "CSRF token missing or wrong",
                      "Send the token from sign-in (or GET /api/me) in the "
                          + CSRF_HEADER
                          + " header.");
                  return;
                }
                if (!access.duringSetup() && session.account().setupPending(totpRequired)) {
                  ApiProblem.send(
                      ctx,
                      403,
                      ApiProblem.SETUP_REQUIRED,
                      "Finish setting up your account first",
                      "Choose your own password and enrol a second factor (see GET /api/me).");
                  return;
                }
                if (!access.allows(session.account())) {
                  ApiProblem.send(
                      ctx,
                      403,
                      ApiProblem.ROLE_REQUIRED,
                      "Not allowed for your roles",
                      "This needs one of: " + RoleNames.of(access.roles()) + ".");
                  return;
                }
                ctx.put(StaffSession.KEY, session);
                ctx.next();
              });
    };
  }

  private static void unauthenticated(RoutingContext ctx) {
    ApiProblem.send(
        ctx, 401, ApiProblem.UNAUTHENTICATED, "Sign in first", "No valid session: sign in again.");
  }
}

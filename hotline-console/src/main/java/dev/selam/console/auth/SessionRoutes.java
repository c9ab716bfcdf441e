package dev.selam.console.auth;

import dev.selam.console.api.ApiProblem;
import dev.selam.console.api.ApiReply;
import dev.selam.console.api.ApiRequest;
import dev.selam.console.staff.StaffJson;
import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import dev.selam.core.identity.SignInOutcome;
import dev.selam.core.identity.StaffAccount;
import dev.selam.core.identity.StaffAccounts;
import dev.selam.core.identity.StaffAuthenticator;
import dev.selam.core.identity.StaffEvents;
import dev.selam.core.identity.StaffIdentity;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out, and what a staff member does for their own account: who am I, password,
 * second factor. Sign-in is one step (username, password and, once enrolled, the code): the
 * console's form always shows the code field, and a refusal never says which part was wrong.
 */
public final class SessionRoutes {
  private static final Logger log = LoggerFactory.getLogger(SessionRoutes.class);

  private final StaffAuthenticator authenticator;
  private final StaffAccounts accounts;
  private final AuditLog audit;
  private final SessionStore sessions;
  private final boolean totpRequired;
  private final Clock clock;

  public SessionRoutes(StaffIdentity identity, SessionStore sessions, Clock clock) {
    this.authenticator = identity.authenticator();
    this.accounts = identity.accounts();
    this.audit = identity.audit();
    this.sessions = sessions;
    this.totpRequired = identity.settings().totpRequired();
    this.clock = clock;
  }

  public Map<String, Handler<RoutingContext>> operations() {
    return Map.of(
        "signIn", this::signIn,
        "signOut", this::signOut,
        "signOutEverywhere", this::signOutEverywhere,
        "getMe", this::getMe,
        "updateMe", this::updateMe,
        "changePassword", this::changePassword,
        "beginTotpEnrolment", this::beginTotpEnrolment,
        "confirmTotpEnrolment", this::confirmTotpEnrolment);
  }

  private void signIn(RoutingContext ctx) {
    JsonObject body = ApiRequest.body(ctx);
    authenticator
        .signIn(
            body.getString("username"),
            body.getString("password"),
            body.getString("totp"),
            client(ctx))
        .onFailure(ctx::fail)
        .onSuccess(
            outcome -> {
              switch (outcome) {
                case SignInOutcome.SignedIn signedIn -> startSession(ctx, signedIn.account());
                case SignInOutcome.Refused refused ->
                    ApiProblem.send(
                        ctx,
                        401,
                        ApiProblem.SIGN_IN_FAILED,
                        "Sign-in failed",
                        "The username, password or code is not right.");
                case SignInOutcome.LockedOut locked -> {
                  long seconds =
                      Math.max(1, Duration.between(clock.instant(), locked.until()).toSeconds());
                  ctx.response().putHeader("Retry-After", Long.toString(seconds));
                  ApiProblem.send(
                      ctx,
                      429,
                      ApiProblem.LOCKED,
                      "Too many failed sign-ins",
                      "Try again in " + seconds + " seconds, or ask an admin to reset it.");
                }
              }
            });
  }

  private void startSession(RoutingContext ctx, StaffAccount account) {
    sessions
        .create(account.id())
        .onFailure(ctx::fail)
        .onSuccess(
            token -> {
              SessionCookie.set(ctx, token);
              String csrf = SessionTokens.csrfFor(token);
              ApiReply.ok(
                  ctx, new JsonObject().put("csrfToken", csrf).put("me", me(account, csrf)));
              sessions
                  .purgeExpired()
                  .onFailure(
                      e ->
                          log.atWarn()
                              .addKeyValue("event", "session.purge_failed")
                              .addKeyValue("failure", e.getClass().getSimpleName())
                              .log("could not purge expired sessions"));
            });
  }

  private void signOut(RoutingContext ctx) {
    StaffSession session = StaffSession.of(ctx);
    sessions
        .end(session.tokenHash())
        .compose(
            ok ->
                audit.append(
                    AuditEntry.of(session.username(), StaffEvents.SIGNED_OUT, session.username())))
        .onFailure(ctx::fail)
        .onSuccess(
            seq -> {
              SessionCookie.clear(ctx);
              ApiReply.noContent(ctx);
            });
  }

  private void signOutEverywhere(RoutingContext ctx) {
    StaffSession session = StaffSession.of(ctx);
    sessions
        .endAll(session.account().id())
        .compose(
            ended ->
                audit.append(
                    AuditEntry.of(
                            session.username(),
                            StaffEvents.SIGNED_OUT_EVERYWHERE,
                            session.username())
                        .with("sessions", ended)))
        .onFailure(ctx::fail)
        .onSuccess(
            seq -> {
              SessionCookie.clear(ctx);
              ApiReply.noContent(ctx);
            });
  }

  private void getMe(RoutingContext ctx) {
    StaffSession session = StaffSession.of(ctx);
    ApiReply.ok(ctx, me(session.account(), session.csrfToken()));
  }

  private void updateMe(RoutingContext ctx) {
    StaffSession session = StaffSession.of(ctx);
    JsonObject body = ApiRequest.body(ctx);
    accounts
        .update(
            session.account().id(),
            new StaffAccounts.StaffUpdate(
                body.getString("displayName"), null, null, body.getString("uiLanguage")),
            session.username())
        .onFailure(e -> ApiReply.failure(ctx, e))
        .onSuccess(account -> ApiReply.ok(ctx, me(account, session.csrfToken())));
  }

  private void changePassword(RoutingContext ctx) {
    StaffSession session = StaffSession.of(ctx);
    JsonObject body = ApiRequest.body(ctx);
    String id = session.account().id();
    accounts
        .changePassword(id, body.getString("currentPassword"), body.getString("newPassword"))
        .compose(account -> sessions.endOthers(id, session.tokenHash()).map(account))
        .onFailure(e -> ApiReply.failure(ctx, e))
        .onSuccess(account -> ApiReply.ok(ctx, me(account, session.csrfToken())));
  }

  private void beginTotpEnrolment(RoutingContext ctx) {
    StaffSession session = StaffSession.of(ctx);
    accounts
        .beginTotpEnrolment(session.account().id())
        .onFailure(e -> ApiReply.failure(ctx, e))
        .onSuccess(
            enrolment ->
                ApiReply.ok(
                    ctx,
                    new JsonObject()
                        .put("secret", enrolment.secret())
                        .put("otpauthUri", enrolment.uri())
                        .put("qrCode", enrolment.qrCodeSvgDataUri())));
  }

  private void confirmTotpEnrolment(RoutingContext ctx) {
    StaffSession session = StaffSession.of(ctx);
    accounts
        .confirmTotp(session.account().id(), ApiRequest.body(ctx).getString("code"))
        .onFailure(e -> ApiReply.failure(ctx, e))
        .onSuccess(account -> ApiReply.ok(ctx, me(account, session.csrfToken())));
  }

  private JsonObject me(StaffAccount account, String csrfToken) {
    JsonArray setup = new JsonArray();
    if (account.mustChangePassword()) {
      setup.add("changePassword");
    }
    if (totpRequired && !account.totpEnabled()) {
      setup.add("enrolTotp");
    }
    return StaffJson.account(account).put("csrfToken", csrfToken).put("setupRequired", setup);
  }

  /** The peer's address, for the audit log: who tried is worth knowing after an attack. */
  private static String client(RoutingContext ctx) {
    var address = ctx.request().remoteAddress();
    return address == null ? "unknown" : address.hostAddress();
  }
}

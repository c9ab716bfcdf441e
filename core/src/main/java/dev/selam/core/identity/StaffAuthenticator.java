package dev.selam.core.identity;

import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import dev.selam.core.storage.SqlTime;
import dev.selam.core.storage.Transactions;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a sign-in in one step: username, password and, once enrolled, the TOTP code. A locked
 * account is refused before its password is looked at; every failure is counted, audited and
 * answered alike, whichever part was wrong.
 */
public final class StaffAuthenticator {
  static final String WRONG_PASSWORD = "wrong_password";
  static final String WRONG_CODE = "wrong_code";
  private static final Logger log = LoggerFactory.getLogger(StaffAuthenticator.class);

  private final Pool pool;
  private final StaffAccounts accounts;
  private final PasswordHasher hasher;
  private final Totp totp;
  private final AuditLog audit;
  private final LockoutPolicy lockout;
  private final Clock clock;

  public StaffAuthenticator(
      Pool pool,
      StaffAccounts accounts,
      PasswordHasher hasher,
      Totp totp,
      AuditLog audit,
      LockoutPolicy lockout,
      Clock clock) {
    this.pool = pool;
    this.accounts = accounts;
    this.hasher = hasher;
    this.totp = totp;
    this.audit = audit;
    this.lockout = lockout;
    this.clock = clock;
  }

  /**
   * @param totpCode the code from the authenticator app; ignored until one is enrolled
   * @param client where the attempt came from (an address), for the audit log
   */
  public Future<SignInOutcome> signIn(
      String username, String password, String totpCode, String client) {
    return accounts
        .storedByUsername(username == null ? "" : username)
        .compose(
            found -> {
              if (found.isEmpty()) {
                // The attempted name is not recorded: it may be a password typed in the wrong box.
                return hasher
                    .verifyAgainstDecoy(password)
                    .compose(
                        x ->
                            refuse(
                                AuditEntry.of(
                                        StaffEvents.ANONYMOUS, StaffEvents.SIGN_IN_FAILED, null)
                                    .with("reason", "unknown_user")
                                    .with("client", client)));
              }
              return check(found.get(), password, totpCode, client);
            });
  }

  private Future<SignInOutcome> check(
      StoredStaff staff, String password, String totpCode, String client) {
    StaffAccount account = staff.account();
    Instant now = clock.instant();
    AuditEntry failure =
        AuditEntry.of(StaffEvents.ANONYMOUS, StaffEvents.SIGN_IN_FAILED, account.username())
            .with("client", client);
    if (staff.lockedUntil() != null && staff.lockedUntil().isAfter(now)) {
      return audit
          .append(failure.with("reason", "locked"))
          .map(seq -> new SignInOutcome.LockedOut(staff.lockedUntil()));
    }
    return hasher
        .verify(password, staff.passwordHash())
        .compose(
            right -> {
              if (account.disabled()) {
                return refuse(failure.with("reason", "disabled"));
              }
              if (!right) {
                return countFailure(staff, failure.with("reason", WRONG_PASSWORD));
              }
              if (!account.totpEnabled()) {
                return succeed(staff, OptionalLong.empty(), client);
              }
              OptionalLong step =
                  totp.matchingStep(
                      accounts.openTotpSecret(staff), totpCode, now, staff.totpLastStep());
              if (step.isEmpty()) {
                return countFailure(staff, failure.with("reason", WRONG_CODE));
              }
              return succeed(staff, step, client);
            });
  }

  private Future<SignInOutcome> succeed(StoredStaff staff, OptionalLong step, String client) {
    String id = staff.account().id();
    String username = staff.account().username();
    return Transactions.withRetry(
            pool,
            conn ->
                conn.preparedQuery(
                        "UPDATE staff_user SET failed_sign_ins = 0, locked_until = NULL,"
                            + " totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
                    .execute(
                        Tuple.of(
                            step.orElse(staff.totpLastStep()),
                            id,
                            step.orElse(staff.totpLastStep() + 1)))
                    .compose(
                        updated -> {
                          if (updated.rowCount() == 0) {
                            // The same code won a concurrent sign-in a moment ago: a replay.
                            return Future.succeededFuture(false);
                          }
                          return audit
                              .append(
                                  conn,
                                  AuditEntry.of(username, StaffEvents.SIGNED_IN, username)
                                      .with("client", client)
                                      .with("secondFactor", step.isPresent()))
                              .map(true);
                        }))
        .compose(
            signedIn ->
                signedIn
                    ? Future.succeededFuture(new SignInOutcome.SignedIn(staff.account()))
                    : countFailure(
                        staff,
                        AuditEntry.of(StaffEvents.ANONYMOUS, StaffEvents.SIGN_IN_FAILED, username)
                            .with("client", client)
                            .with("reason", WRONG_CODE)));
  }

  private Future<SignInOutcome> countFailure(StoredStaff staff, AuditEntry failure) {
    String id = staff.account().id();
    Instant now = clock.instant();
    return Transactions.withRetry(
            pool,
            conn ->
                conn.preparedQuery(
                        "UPDATE staff_user SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ?")
                    .execute(Tuple.of(id))
                    .compose(
                        ok ->
                            conn.preparedQuery(
                                    "SELECT failed_sign_ins FROM staff_user WHERE id = ?")
                                .execute(Tuple.of(id)))
                    .compose(
                        rows -> {
                          int failures = rows.iterator().next().getInteger("failed_sign_ins");
                          Optional<Instant> until = lockout.lockedUntil(failures, now);
                          return conn.preparedQuery(
                                  "UPDATE staff_user SET locked_until = ? WHERE id = ?")
                              .execute(Tuple.of(SqlTime.utc(until.orElse(null)), id))
                              .compose(
                                  ok ->
                                      audit.append(
                                          conn,
                                          failure
                                              .with("failures", failures)
                                              .with(
                                                  "lockedUntil",
                                                  until.map(Instant::toString).orElse(null))))
                              .map(seq -> until);
                        }))
        .map(
            until -> {
              until.ifPresent(
                  t ->
                      log.atWarn()
                          .addKeyValue("event", "staff.locked_out")
                          .addKeyValue("staff", id)
                          .addKeyValue("until", t)
                          .log("staff account locked after repeated failed sign-ins"));
              return new SignInOutcome.Refused();
            });
  }

  private Future<SignInOutcome> refuse(AuditEntry failure) {
    return audit.append(failure).map(seq -> new SignInOutcome.Refused());
  }
}

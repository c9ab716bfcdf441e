package dev.selam.core.identity;

import dev.selam.core.audit.AuditLog;
import dev.selam.core.crypto.FieldCipher;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/** Staff identity wired once: the accounts, sign-in, and the audit log they write to. */
public record StaffIdentity(
    IdentitySettings settings,
    AuditLog audit,
    StaffAccounts accounts,
    StaffAuthenticator authenticator) {

  public static StaffIdentity create(
      Vertx vertx, Pool pool, FieldCipher cipher, IdentitySettings settings, Clock clock) {
    AuditLog audit = new AuditLog(pool, clock);
    PasswordHasher hasher = new PasswordHasher(vertx);
    Totp totp = new Totp(settings.totpIssuer());
    StaffAccounts accounts = new StaffAccounts(pool, cipher, hasher, totp, audit, clock);
    StaffAuthenticator authenticator =
        new StaffAuthenticator(pool, accounts, hasher, totp, audit, settings.lockout(), clock);
    return new StaffIdentity(settings, audit, accounts, authenticator);
  }
}

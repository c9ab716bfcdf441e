package dev.selam.server;

import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.identity.IdentityFixture;
import dev.selam.core.identity.RfcTotp;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccounts;
import dev.selam.core.identity.StaffIdentity;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Staff accounts in a running service's database that chose a password and enrolled TOTP, ready to
 * sign in through the console's page as the browser tests do. The TOTP secret is sealed with the
 * service's own cipher, so the service can check the codes.
 */
final class EnrolledStaff {
  private final StaffAccounts accounts;

  EnrolledStaff(Vertx vertx, Pool pool, FieldCipher serviceCipher) {
    accounts =
        StaffIdentity.create(
                vertx, pool, serviceCipher, IdentityFixture.SETTINGS, Clock.systemUTC())
            .accounts();
  }

  /** A staff member working in English, with {@code password}; returns their TOTP secret. */
  String ready(String username, String displayName, Role role, String uiLanguage, String password) {
    var created =
        accounts
            .create(
                new StaffAccounts.NewStaff(
                    username, displayName, Set.of(role), List.of("en"), uiLanguage),
                "test")
            .await();
    String id = created.account().id();
    accounts.changePassword(id, created.oneTimePassword(), password).await();
    String secret = accounts.beginTotpEnrolment(id).await().secret();
    // the step before now: the browser's sign-in uses the current one
    accounts.confirmTotp(id, RfcTotp.code(secret, Instant.now().minusSeconds(30))).await();
    return secret;
  }
}

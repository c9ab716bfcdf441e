package dev.selam.server;

import dev.selam.core.identity.IdentityFixture;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccounts;
import dev.selam.core.identity.StaffIdentity;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.DatabaseSettings;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Staff accounts in a running service's database, ready to sign in with a password (the service
 * runs with {@code SELAM_TOTP_REQUIRED=false}).
 */
final class TestStaff implements AutoCloseable {
  static final String PASSWORD = "a long enough password";

  final Database database;
  final StaffIdentity identity;

  TestStaff(TestService service) {
    this(service.service.vertx(), service.database.settings());
  }

  TestStaff(Vertx vertx, DatabaseSettings settings) {
    database = Database.open(vertx, settings).await();
    identity =
        StaffIdentity.create(
            vertx,
            database.pool(),
            IdentityFixture.cipher(),
            IdentityFixture.SETTINGS,
            Clock.systemUTC());
  }

  void create(String username, Role... roles) {
    create(username, null, roles);
  }

  /** A staff member whose display name (null: the username) is what a person sees. */
  void create(String username, String displayName, Role... roles) {
    var created =
        identity
            .accounts()
            .create(
                new StaffAccounts.NewStaff(username, displayName, Set.of(roles), List.of(), "en"),
                "test")
            .await();
    identity
        .accounts()
        .changePassword(created.account().id(), created.oneTimePassword(), PASSWORD)
        .await();
  }

  @Override
  public void close() {
    database.close();
  }
}

package dev.selam.core.identity;

import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A fresh database with staff identity wired over it, on a clock the test moves. */
public final class IdentityFixture implements AutoCloseable {
  public static final IdentitySettings SETTINGS =
      new IdentitySettings(
          true, "Selam", new LockoutPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(10)));

  public final TestDatabase testDb;
  public final Database db;
  public final TestClock clock = TestClock.startingNow();
  public final StaffIdentity identity;

  public IdentityFixture(Vertx vertx, Path tempDir) {
    this(vertx, tempDir, SETTINGS);
  }

  public IdentityFixture(Vertx vertx, Path tempDir, IdentitySettings settings) {
    testDb = TestDatabase.create(tempDir);
    db = Database.open(vertx, testDb.settings()).await();
    identity = StaffIdentity.create(vertx, db.pool(), cipher(), settings, clock);
  }

  public static FieldCipher cipher() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return new FieldCipher(new KeyRing(List.of(DataKey.of("t1", raw))));
  }

  public StaffAccounts accounts() {
    return identity.accounts();
  }

  public StaffAccounts.Created create(String username, Role... roles) {
    return accounts()
        .create(
            new StaffAccounts.NewStaff(username, null, Set.of(roles), List.of("ar", "tr"), "en"),
            "root")
        .await();
  }

  @Override
  public void close() {
    db.close();
    testDb.close();
  }
}

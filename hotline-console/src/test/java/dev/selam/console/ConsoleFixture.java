package dev.selam.console;

import dev.selam.console.api.ConsoleApi;
import dev.selam.console.auth.SessionSettings;
import dev.selam.core.config.Settings;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Keys;
import dev.selam.core.escalation.HotlineHours;
import dev.selam.core.identity.IdentityFixture;
import dev.selam.core.identity.IdentitySettings;
import dev.selam.core.identity.RfcTotp;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccount;
import dev.selam.core.identity.StaffAccounts;
import dev.selam.core.retention.RetentionSettings;
import dev.selam.core.settings.HotlineSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The staff API on a real HTTP server on loopback, over a fresh database, with a clock the test
 * moves; and staff members ready to use it.
 */
public final class ConsoleFixture implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery";
  public static final SessionSettings SESSIONS =
      new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(12));

  public final IdentityFixture identity;
  public final Keys keys = randomKeys();
  public final HotlineSettings hotlineSettings;
  public final HotlineConsole console;
  public final ConsoleApi api;
  public final HttpServer server;
  public final WebClient client;

  public ConsoleFixture(Vertx vertx, Path tempDir) {
    this(vertx, tempDir, IdentityFixture.SETTINGS);
  }

  public ConsoleFixture(Vertx vertx, Path tempDir, IdentitySettings settings) {
    identity = new IdentityFixture(vertx, tempDir, settings);
    hotlineSettings =
        new HotlineSettings(
            identity.db.pool(),
            identity.identity.audit(),
            HotlineSettings.Defaults.from(
                Settings.of(
                    Map.of(
                        HotlineHours.HOURS, "Mon-Fri 09:00-18:00",
                        RetentionSettings.RETENTION, "90d"))),
            identity.clock);
    console =
        HotlineConsole.create(
                vertx,
                identity.db.pool(),
                keys,
                identity.identity,
                SESSIONS,
                hotlineSettings,
                identity.clock,
                dev.selam.console.api.OperationsElsewhere.standIns())
            .await();
    api = console.api();
    Router router = Router.router(vertx);
    api.mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort())
                .setFollowRedirects(false));
  }

  static Keys randomKeys() {
    byte[] data = new byte[32];
    byte[] pseudonym = new byte[32];
    new SecureRandom().nextBytes(data);
    new SecureRandom().nextBytes(pseudonym);
    return new Keys(new KeyRing(List.of(DataKey.of("t1", data))), pseudonym);
  }

  public StaffAccounts accounts() {
    return identity.accounts();
  }

  public StaffClient anonymous() {
    return new StaffClient(client);
  }

  /** A staff member who has chosen a password and enrolled a second factor. */
  public StaffAccount ready(String username, Role... roles) {
    return ready(username, List.of("ar"), roles);
  }

  /** Like {@link #ready(String, Role...)}, speaking {@code languages}. */
  public StaffAccount ready(String username, List<String> languages, Role... roles) {
    var created =
        accounts()
            .create(
                new StaffAccounts.NewStaff(username, null, Set.of(roles), languages, "en"),
                "fixture")
            .await();
    String id = created.account().id();
    accounts().changePassword(id, created.oneTimePassword(), PASSWORD).await();
    var enrolment = accounts().beginTotpEnrolment(id).await();
    secrets.put(username, enrolment.secret());
    return accounts()
        .confirmTotp(id, RfcTotp.code(enrolment.secret(), identity.clock.instant()))
        .await();
  }

  private final Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

  /** The current code of a staff member set up by {@link #ready}, on a step not yet used. */
  public String nextCode(String username) {
    identity.clock.advance(Duration.ofSeconds(30));
    return RfcTotp.code(secrets.get(username), identity.clock.instant());
  }

  /** A signed-in client of a staff member set up by {@link #ready}. */
  public StaffClient signedIn(String username, Role... roles) {
    return signedIn(username, List.of("ar"), roles);
  }

  /** A signed-in client of a new staff member speaking {@code languages}. */
  public StaffClient signedIn(String username, List<String> languages, Role... roles) {
    ready(username, languages, roles);
    StaffClient staff = anonymous();
    var response = staff.signIn(username, PASSWORD, nextCode(username));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("sign-in failed: " + response.bodyAsString());
    }
    return staff;
  }

  @Override
  public void close() {
    client.close();
    console.close().await();
    server.close().await();
    identity.close();
  }
}

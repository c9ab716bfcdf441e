package dev.selam.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.audit.AuditEvent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class StaffAuthenticatorTest {
  static final String PASSWORD = "correct horse battery";

  @TempDir Path tempDir;
  IdentityFixture fx;
  StaffAuthenticator authenticator;
  String id;

  @BeforeEach
  void setUp(Vertx vertx) {
    fx = new IdentityFixture(vertx, tempDir);
    authenticator = fx.identity.authenticator();
    var created = fx.create("selin", Role.OPERATOR);
    id = created.account().id();
    fx.accounts().changePassword(id, created.oneTimePassword(), PASSWORD).await();
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  SignInOutcome signIn(String password) {
    return authenticator.signIn("selin", password, null, "192.0.2.7").await();
  }

  AuditEvent lastEvent() {
    return fx.identity.audit().page(null, 1).await().get(0);
  }

  @Test
  void rightPasswordSignsInAndIsAudited() {
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInOutcome.SignedIn.class);
    AuditEvent event = lastEvent();
    assertThat(event.action()).isEqualTo(StaffEvents.SIGNED_IN);
    assertThat(event.actor()).isEqualTo("selin");
    assertThat(event.detailsJson().getString("client")).isEqualTo("192.0.2.7");
  }

  @Test
  void wrongPasswordIsRefusedAndAuditedWithoutThePassword() {
    assertThat(signIn("correct horse battery?")).isInstanceOf(SignInOutcome.Refused.class);
    AuditEvent event = lastEvent();
    assertThat(event.action()).isEqualTo(StaffEvents.SIGN_IN_FAILED);
    assertThat(event.target()).isEqualTo("selin");
    assertThat(event.detailsJson().getString("reason")).isEqualTo("wrong_password");
    assertThat(event.details()).doesNotContain("horse");
  }

  @Test
  void unknownUsernameIsRefusedAndTheAttemptedNameIsNotRecorded() {
    var outcome = authenticator.signIn("correct horse", "x", null, "192.0.2.7").await();
    assertThat(outcome).isInstanceOf(SignInOutcome.Refused.class);
    AuditEvent event = lastEvent();
    assertThat(event.detailsJson().getString("reason")).isEqualTo("unknown_user");
    assertThat(event.target()).isNull();
    assertThat(event.toString()).doesNotContain("horse");
  }

  @Test
  void repeatedFailuresLockTheAccountWithGrowingBackOff() {
    for (int i = 0; i < 3; i++) {
      assertThat(signIn("guess " + i)).isInstanceOf(SignInOutcome.Refused.class);
    }
    // Locked for the base minute: even the right password is refused unchecked.
    assertThat(signIn(PASSWORD))
        .isEqualTo(new SignInOutcome.LockedOut(fx.clock.instant().plus(Duration.ofMinutes(1))));
    assertThat(lastEvent().detailsJson().getString("reason")).isEqualTo("locked");

    fx.clock.advance(Duration.ofSeconds(61));
    assertThat(signIn("guess 4")).isInstanceOf(SignInOutcome.Refused.class);
    // The fourth failure in a row doubles the lock to two minutes.
    fx.clock.advance(Duration.ofSeconds(61));
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInOutcome.LockedOut.class);
    fx.clock.advance(Duration.ofSeconds(60));
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInOutcome.SignedIn.class);

    // Success starts the count over: one failure does not lock.
    assertThat(signIn("guess 5")).isInstanceOf(SignInOutcome.Refused.class);
    assertThat(signIn(PASSWORD)).isInstanceOf(SignInOutcome.SignedIn.class);
  }

  @Test
  void lockoutIsCappedAtItsMaximum() {
    LockoutPolicy policy = IdentityFixture.SETTINGS.lockout();
    var now = fx.clock.instant();
    assertThat(policy.lockedUntil(2, now)).isEmpty();
    assertThat(policy.lockedUntil(3, now)).hasValue(now.plus(Duration.ofMinutes(1)));
    assertThat(policy.lockedUntil(5, now)).hasValue(now.plus(Duration.ofMinutes(4)));
    assertThat(policy.lockedUntil(50, now)).hasValue(now.plus(Duration.ofMinutes(10)));
  }

  @Test
  void disabledAccountIsRefusedEvenWithTheRightPassword() {
    fx.create("root", Role.ADMIN);
    fx.accounts().setDisabled(id, true, "root").await();

    assertThat(signIn(PASSWORD)).isInstanceOf(SignInOutcome.Refused.class);
    assertThat(lastEvent().detailsJson().getString("reason")).isEqualTo("disabled");
  }

  @Test
  void enrolledSecondFactorIsRequiredAndACodeWorksOnlyOnce() {
    var enrolment = fx.accounts().beginTotpEnrolment(id).await();
    fx.accounts().confirmTotp(id, RfcTotp.code(enrolment.secret(), fx.clock.instant())).await();
    fx.clock.advance(Duration.ofSeconds(30));
    String code = RfcTotp.code(enrolment.secret(), fx.clock.instant());

    assertThat(signIn(PASSWORD)).isInstanceOf(SignInOutcome.Refused.class);
    assertThat(lastEvent().detailsJson().getString("reason")).isEqualTo("wrong_code");
    assertThat(authenticator.signIn("selin", PASSWORD, code, "t").await())
        .isInstanceOf(SignInOutcome.SignedIn.class);
    assertThat(authenticator.signIn("selin", PASSWORD, code, "t").await())
        .isInstanceOf(SignInOutcome.Refused.class);
  }
}

package dev.selam.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.audit.AuditEvent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class StaffAccountsTest {
  @TempDir Path tempDir;
  IdentityFixture fx;
  StaffAccounts accounts;

  @BeforeEach
  void setUp(Vertx vertx) {
    fx = new IdentityFixture(vertx, tempDir);
    accounts = fx.accounts();
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  String rawRow(String username) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = fx.testDb.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT * FROM staff_user WHERE username = '" + username + "'")) {
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          out.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i));
          out.append('|');
        }
      }
    }
    return out.toString();
  }

  @Test
  void createdAccountHasItsRolesAndMustChangeItsOneTimePassword() throws Exception {
    var created = fx.create("selin", Role.OPERATOR, Role.SUPERVISOR);

    StaffAccount account = created.account();
    assertThat(account.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.SUPERVISOR);
    assertThat(account.languages()).containsExactly("ar", "tr");
    assertThat(account.displayName()).isEqualTo("selin");
    assertThat(account.mustChangePassword()).isTrue();
    assertThat(account.totpEnabled()).isFalse();
    assertThat(created.oneTimePassword()).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");

    String row = rawRow("selin");
    assertThat(row).doesNotContain(created.oneTimePassword());
    assertThat(row).contains("$argon2id$v=19$m=19456,t=2,p=1$");

    AuditEvent event = fx.identity.audit().page(null, 1).await().get(0);
    assertThat(event.action()).isEqualTo(StaffEvents.CREATED);
    assertThat(event.actor()).isEqualTo("root");
    assertThat(event.target()).isEqualTo("selin");
  }

  @Test
  void takenUsernameIsAConflict() {
    fx.create("selin", Role.EDITOR);
    assertThatThrownBy(() -> fx.create("selin", Role.OPERATOR))
        .isInstanceOfSatisfying(
            StaffChangeRefused.class,
            e -> assertThat(e.reason()).isEqualTo(StaffChangeRefused.Reason.CONFLICT));
  }

  @Test
  void badInputIsRefusedSayingWhy() {
    assertThatThrownBy(() -> fx.create("Bad Name!", Role.EDITOR))
        .isInstanceOf(StaffChangeRefused.class)
        .hasMessageContaining("username");
    assertThatThrownBy(() -> fx.create("nobody"))
        .isInstanceOf(StaffChangeRefused.class)
        .hasMessageContaining("role");
    assertThatThrownBy(() -> Role.parseAll(List.of("operator", "superuser")))
        .hasMessageContaining("superuser");
    String id = fx.create("omar", Role.OPERATOR).account().id();
    assertThatThrownBy(
            () ->
                accounts
                    .update(id, new StaffAccounts.StaffUpdate(null, null, null, "fr"), "root")
                    .await())
        .hasMessageContaining("en, tr or ar");
  }

  @Test
  void updateChangesOnlyWhatIsGiven() {
    String id = fx.create("omar", Role.OPERATOR).account().id();

    StaffAccount updated =
        accounts
            .update(
                id,
                new StaffAccounts.StaffUpdate(
                    "Omar K.", Set.of(Role.OPERATOR, Role.EDITOR), null, "ar"),
                "root")
            .await();

    assertThat(updated.displayName()).isEqualTo("Omar K.");
    assertThat(updated.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.EDITOR);
    assertThat(updated.languages()).containsExactly("ar", "tr");
    assertThat(updated.uiLanguage()).isEqualTo("ar");
  }

  @Test
  void lastActiveAdminCannotBeDisabledNorLoseTheRole() {
    String admin = fx.create("root", Role.ADMIN).account().id();

    assertThatThrownBy(() -> accounts.setDisabled(admin, true, "root").await())
        .hasMessageContaining("last active admin");
    assertThatThrownBy(
            () ->
                accounts
                    .update(
                        admin,
                        new StaffAccounts.StaffUpdate(null, Set.of(Role.EDITOR), null, null),
                        "root")
                    .await())
        .hasMessageContaining("last active admin");

    fx.create("second", Role.ADMIN);
    assertThat(accounts.setDisabled(admin, true, "second").await().disabled()).isTrue();
  }

  @Test
  void changedPasswordReplacesTheOneTimePassword() {
    var created = fx.create("selin", Role.OPERATOR);
    String id = created.account().id();

    assertThatThrownBy(
            () -> accounts.changePassword(id, "wrong-password-here", "a-much-better-one").await())
        .hasMessageContaining("current password is wrong");
    assertThatThrownBy(
            () -> accounts.changePassword(id, created.oneTimePassword(), "short").await())
        .hasMessageContaining("at least 12");
    assertThatThrownBy(
            () ->
                accounts.changePassword(id, created.oneTimePassword(), "selin-selin-selin").await())
        .hasMessageContaining("username");

    StaffAccount changed =
        accounts.changePassword(id, created.oneTimePassword(), "correct horse battery").await();
    assertThat(changed.mustChangePassword()).isFalse();
    assertThat(fx.identity.audit().page(null, 1).await().get(0).action())
        .isEqualTo(StaffEvents.PASSWORD_CHANGED);
  }

  @Test
  void resetGivesANewOneTimePasswordAndLiftsTheLockout() {
    var created = fx.create("selin", Role.OPERATOR);
    String id = created.account().id();
    accounts.changePassword(id, created.oneTimePassword(), "correct horse battery").await();
    for (int i = 0; i < 3; i++) {
      fx.identity.authenticator().signIn("selin", "nope", null, "test").await();
    }

    String fresh = accounts.resetPassword(id, "root").await();

    assertThat(fresh).isNotEqualTo(created.oneTimePassword());
    assertThat(accounts.find(id).await().orElseThrow().mustChangePassword()).isTrue();
    assertThat(fx.identity.authenticator().signIn("selin", fresh, null, "test").await())
        .isInstanceOf(SignInOutcome.SignedIn.class);
  }

  @Test
  void totpEnrolmentRoundTripWithACodeComputedHere() throws Exception {
    String id = fx.create("selin", Role.OPERATOR).account().id();

    var enrolment = accounts.beginTotpEnrolment(id).await();
    assertThat(enrolment.uri())
        .startsWith("otpauth://totp/Selam:selin?secret=" + enrolment.secret())
        .contains("issuer=Selam")
        .contains("period=30");
    assertThat(enrolment.qrCodeSvgDataUri()).startsWith("data:image/svg+xml;base64,");
    assertThat(RfcTotp.base32(enrolment.secret())).hasSize(20); // 160 bits
    assertThat(rawRow("selin")).doesNotContain(enrolment.secret());

    assertThatThrownBy(() -> accounts.confirmTotp(id, "000000").await())
        .hasMessageContaining("does not match");
    String code = RfcTotp.code(enrolment.secret(), fx.clock.instant());
    StaffAccount enrolled = accounts.confirmTotp(id, code).await();
    assertThat(enrolled.totpEnabled()).isTrue();

    assertThatThrownBy(() -> accounts.beginTotpEnrolment(id).await())
        .hasMessageContaining("already active");
    assertThat(accounts.resetTotp(id, "root").await().totpEnabled()).isFalse();
  }

  @Test
  void codeFromTheNeighbouringStepIsAcceptedButNotOneFurther() {
    String id = fx.create("selin", Role.OPERATOR).account().id();
    var enrolment = accounts.beginTotpEnrolment(id).await();
    String tooOld =
        RfcTotp.code(enrolment.secret(), fx.clock.instant().minus(Duration.ofSeconds(90)));
    String previous =
        RfcTotp.code(enrolment.secret(), fx.clock.instant().minus(Duration.ofSeconds(30)));

    assertThatThrownBy(() -> accounts.confirmTotp(id, tooOld).await())
        .isInstanceOf(StaffChangeRefused.class);
    assertThat(accounts.confirmTotp(id, previous).await().totpEnabled()).isTrue();
  }
}

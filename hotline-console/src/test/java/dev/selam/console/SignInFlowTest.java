package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.console.api.ApiProblem;
import dev.selam.core.identity.RfcTotp;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccounts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in from a one-time password to a working session, and the ways a session ends. */
@ExtendWith(VertxExtension.class)
class SignInFlowTest {
  @TempDir Path tempDir;
  ConsoleFixture fx;

  @BeforeEach
  void setUp(Vertx vertx) {
    fx = new ConsoleFixture(vertx, tempDir);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  static String problemType(HttpResponse<Buffer> response) {
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    return response.bodyAsJsonObject().getString("type");
  }

  @Test
  void firstSignInMustChooseAPasswordAndEnrolTotpBeforeWorking() {
    var created =
        fx.accounts()
            .create(
                new StaffAccounts.NewStaff("amina", "Amina", Set.of(Role.ADMIN), List.of(), "ar"),
                "test")
            .await();
    StaffClient amina = fx.anonymous();

    HttpResponse<Buffer> signedIn = amina.signIn("amina", created.oneTimePassword(), null);
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.bodyAsJsonObject().getJsonObject("me").getJsonArray("setupRequired"))
        .containsExactly("changePassword", "enrolTotp");
    String cookie = signedIn.cookies().get(0);
    assertThat(cookie)
        .startsWith("__Host-selam-session=")
        .contains("Path=/")
        .containsIgnoringCase("HttpOnly")
        .contains("Secure")
        .contains("SameSite=Strict")
        .doesNotContain("Domain");

    // Setup first: any other work is refused.
    HttpResponse<Buffer> staff = amina.get("/api/staff");
    assertThat(staff.statusCode()).isEqualTo(403);
    assertThat(problemType(staff)).isEqualTo(ApiProblem.SETUP_REQUIRED);

    HttpResponse<Buffer> changed =
        amina.post(
            "/api/me/password",
            new JsonObject()
                .put("currentPassword", created.oneTimePassword())
                .put("newPassword", ConsoleFixture.PASSWORD));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getJsonArray("setupRequired"))
        .containsExactly("enrolTotp");

    JsonObject enrolment = amina.post("/api/me/totp", null).bodyAsJsonObject();
    assertThat(enrolment.getString("otpauthUri")).startsWith("otpauth://totp/");
    assertThat(enrolment.getString("qrCode")).startsWith("data:image/svg+xml;base64,");
    String code = RfcTotp.code(enrolment.getString("secret"), fx.identity.clock.instant());
    HttpResponse<Buffer> confirmed =
        amina.post("/api/me/totp/confirmation", new JsonObject().put("code", code));
    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    assertThat(confirmed.bodyAsJsonObject().getJsonArray("setupRequired")).isEmpty();

    assertThat(amina.get("/api/staff").statusCode()).isEqualTo(200);

    // The one-time password no longer works; the new one needs the code.
    StaffClient again = fx.anonymous();
    assertThat(again.signIn("amina", created.oneTimePassword(), null).statusCode()).isEqualTo(401);
    assertThat(again.signIn("amina", ConsoleFixture.PASSWORD, null).statusCode()).isEqualTo(401);
    fx.identity.clock.advance(Duration.ofSeconds(30));
    String next = RfcTotp.code(enrolment.getString("secret"), fx.identity.clock.instant());
    assertThat(again.signIn("amina", ConsoleFixture.PASSWORD, next).statusCode()).isEqualTo(200);
    JsonObject me = again.get("/api/me").bodyAsJsonObject();
    assertThat(me.getString("username")).isEqualTo("amina");
    assertThat(me.getJsonArray("roles")).containsExactly("admin");
    assertThat(me.getString("uiLanguage")).isEqualTo("ar");
    assertThat(me.getString("csrfToken")).isEqualTo(again.csrfToken);
  }

  @Test
  void wrongPasswordIsA401ProblemThatDoesNotSayWhatWasWrong() {
    fx.ready("omar", Role.OPERATOR);
    HttpResponse<Buffer> wrongPassword =
        fx.anonymous().signIn("omar", "not the password", "123456");
    HttpResponse<Buffer> unknownUser = fx.anonymous().signIn("nobody", "not the password", null);

    for (HttpResponse<Buffer> response : List.of(wrongPassword, unknownUser)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(problemType(response)).isEqualTo(ApiProblem.SIGN_IN_FAILED);
      assertThat(response.cookies()).isEmpty();
    }
    assertThat(wrongPassword.bodyAsString()).isEqualTo(unknownUser.bodyAsString());
  }

  @Test
  void repeatedFailuresLockTheAccountWith429AndRetryAfter() {
    fx.ready("omar", Role.OPERATOR);
    for (int i = 0; i < 3; i++) {
      assertThat(fx.anonymous().signIn("omar", "guess " + i, null).statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> locked =
        fx.anonymous().signIn("omar", ConsoleFixture.PASSWORD, fx.nextCode("omar"));
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(problemType(locked)).isEqualTo(ApiProblem.LOCKED);
    assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(1L, 60L);

    fx.identity.clock.advance(Duration.ofMinutes(1));
    assertThat(
            fx.anonymous()
                .signIn("omar", ConsoleFixture.PASSWORD, fx.nextCode("omar"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void forgedOrMissingSessionCookieIs401AndTheBadCookieIsCleared() {
    StaffClient forger = fx.anonymous();
    assertThat(problemType(forger.get("/api/me"))).isEqualTo(ApiProblem.UNAUTHENTICATED);

    forger.sessionToken = "Zm9yZ2VkLXRva2VuLXRoYXQtbG9va3MtcmVhbC1lbm91Z2g";
    HttpResponse<Buffer> forged = forger.get("/api/me");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.cookies()).anySatisfy(c -> assertThat(c).contains("Max-Age=0"));

    forger.sessionToken = "x".repeat(5000);
    assertThat(forger.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void idleSessionExpiresAndActiveOneLastsUntilItsAbsoluteEnd() {
    StaffClient idle = fx.signedIn("idle", Role.OPERATOR);
    StaffClient busy = fx.signedIn("busy", Role.OPERATOR);

    for (int i = 0; i < 4; i++) {
      fx.identity.clock.advance(Duration.ofMinutes(20));
      assertThat(busy.get("/api/me").statusCode()).isEqualTo(200);
    }
    assertThat(idle.get("/api/me").statusCode()).isEqualTo(401);

    while (fx.identity
        .clock
        .instant()
        .isBefore(fx.identity.clock.instant().plus(Duration.ofHours(1)))) {
      fx.identity.clock.advance(Duration.ofMinutes(20));
      if (busy.get("/api/me").statusCode() != 200) {
        break;
      }
    }
    // Twelve hours after sign-in, activity or not, the session is over.
    assertThat(busy.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void disabledAccountLosesItsSessionsAtOnceAndCannotSignIn() {
    StaffClient admin = fx.signedIn("root", Role.ADMIN);
    StaffClient omar = fx.signedIn("omar", Role.OPERATOR);
    String id = omar.get("/api/me").bodyAsJsonObject().getString("id");

    assertThat(admin.post("/api/staff/" + id + "/disable", null).statusCode()).isEqualTo(200);

    assertThat(omar.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(
            fx.anonymous()
                .signIn("omar", ConsoleFixture.PASSWORD, fx.nextCode("omar"))
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void signOutEndsThisSessionAndSignOutEverywhereEndsAll() {
    StaffClient laptop = fx.signedIn("selin", Role.EDITOR);
    StaffClient phone = fx.anonymous();
    phone.signIn("selin", ConsoleFixture.PASSWORD, fx.nextCode("selin"));
    StaffClient tablet = fx.anonymous();
    tablet.signIn("selin", ConsoleFixture.PASSWORD, fx.nextCode("selin"));

    HttpResponse<Buffer> out = tablet.send(HttpMethod.DELETE, "/api/session", null);
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.cookies()).anySatisfy(c -> assertThat(c).contains("Max-Age=0"));
    assertThat(tablet.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(laptop.get("/api/me").statusCode()).isEqualTo(200);

    assertThat(laptop.send(HttpMethod.DELETE, "/api/me/sessions", null).statusCode())
        .isEqualTo(204);
    assertThat(laptop.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(phone.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void sessionTableHoldsOnlyTokenHashes() throws Exception {
    StaffClient selin = fx.signedIn("selin", Role.EDITOR);
    try (var c = fx.identity.testDb.connect();
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT token_hash FROM staff_session")) {
      // Committed (seen from another connection), and only as a hash.
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).hasSize(64).isNotEqualTo(selin.sessionToken);
      assertThat(rs.getString(1)).doesNotContain(selin.sessionToken);
    }
  }
}

package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.console.api.ApiProblem;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccounts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the router, enumerated (not listed by hand): without a session it answers 401,
 * with a session lacking its roles 403, and before setup is finished 403. The routes open to the
 * public, to any staff member, and during setup are listed here on purpose: a new route joins those
 * lists only by someone deciding it should.
 */
@ExtendWith(VertxExtension.class)
class RouteAccessTest {
  static final Set<String> PUBLIC = Set.of("GET /api/openapi.yaml", "POST /api/session");
  static final Set<String> ANY_STAFF =
      Set.of(
          "DELETE /api/session",
          "GET /api/me",
          "PATCH /api/me",
          "DELETE /api/me/sessions",
          "POST /api/me/password",
          "POST /api/me/totp",
          "POST /api/me/totp/confirmation");
  static final Set<String> DURING_SETUP =
      Set.of(
          "DELETE /api/session",
          "GET /api/me",
          "DELETE /api/me/sessions",
          "POST /api/me/password",
          "POST /api/me/totp",
          "POST /api/me/totp/confirmation");

  /** What only admins reach: accounts, the audit log, the hotline's settings. */
  static final Set<String> ADMIN_ONLY =
      Set.of(
          "GET /api/staff",
          "POST /api/staff",
          "GET /api/staff/:id",
          "PATCH /api/staff/:id",
          "POST /api/staff/:id/disable",
          "POST /api/staff/:id/enable",
          "POST /api/staff/:id/password-reset",
          "POST /api/staff/:id/totp-reset",
          "GET /api/audit",
          "GET /api/audit/verification",
          "GET /api/settings",
          "PUT /api/settings");

  static final Set<String> SIGN_OUTS = Set.of("DELETE /api/session", "DELETE /api/me/sessions");

  @TempDir static Path tempDir;
  static Vertx vertx;
  static ConsoleFixture fx;
  static List<ApiRoutes> routes;
  static final Map<Role, StaffClient> byRole = new EnumMap<>(Role.class);

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fx = new ConsoleFixture(vertx, tempDir);
    routes = ApiRoutes.of(fx.api);
    for (Role role : Role.values()) {
      byRole.put(role, fx.signedIn(role.id() + "-only", role));
    }
  }

  @AfterAll
  static void stop() {
    fx.close();
    vertx.close().await();
  }

  static HttpResponse<Buffer> call(StaffClient client, ApiRoutes route) {
    return client.request(route.method(), route.path()).send().await();
  }

  static String type(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getString("type");
  }

  @Test
  void routesAreEnumeratedFromTheRouter() {
    assertThat(routes).hasSizeGreaterThanOrEqualTo(19);
    Set<String> names = new TreeSet<>(routes.stream().map(ApiRoutes::toString).toList());
    assertThat(names).containsAll(PUBLIC).containsAll(ANY_STAFF);
  }

  @Test
  void onlyTheListedRoutesArePublic() {
    Set<String> open = new TreeSet<>();
    routes.stream().filter(r -> r.access().open()).forEach(r -> open.add(r.toString()));
    assertThat(open).isEqualTo(PUBLIC);
  }

  @Test
  void onlyTheListedRoutesAreForAdminsAlone() {
    Set<String> adminOnly = new TreeSet<>();
    routes.stream()
        .filter(r -> r.access().roles().equals(Set.of(Role.ADMIN)))
        .forEach(r -> adminOnly.add(r.toString()));
    assertThat(adminOnly).isEqualTo(ADMIN_ONLY);
  }

  @Test
  void everyOtherRouteRefusesARequestWithoutASession() {
    for (ApiRoutes route : routes) {
      if (PUBLIC.contains(route.toString())) {
        continue;
      }
      HttpResponse<Buffer> response = call(fx.anonymous(), route);
      assertThat(response.statusCode()).as(route.toString()).isEqualTo(401);
      assertThat(type(response)).as(route.toString()).isEqualTo(ApiProblem.UNAUTHENTICATED);
    }
  }

  @Test
  void everyRouteRefusesEveryRoleItDoesNotName() {
    Set<String> openToAll = new TreeSet<>();
    int refused = 0;
    for (ApiRoutes route : routes) {
      if (route.access().open()) {
        continue;
      }
      boolean everyRole = true;
      for (Role role : Role.values()) {
        boolean allowed = route.access().anyStaff() || route.access().roles().contains(role);
        everyRole &= allowed;
        if (allowed) {
          boolean signsOut = SIGN_OUTS.contains(route.toString());
          StaffClient client = signsOut ? freshSession(role) : byRole.get(role);
          assertThat(call(client, route).statusCode()).as(route + " as " + role).isNotIn(401, 403);
          if (signsOut) {
            byRole.put(role, freshSession(role)); // signing out everywhere ended them all
          }
        } else {
          HttpResponse<Buffer> response = call(byRole.get(role), route);
          assertThat(response.statusCode()).as(route + " as " + role).isEqualTo(403);
          assertThat(type(response)).as(route + " as " + role).isEqualTo(ApiProblem.ROLE_REQUIRED);
          refused++;
        }
      }
      if (everyRole) {
        openToAll.add(route.toString());
      }
    }
    assertThat(openToAll).isEqualTo(ANY_STAFF);
    assertThat(refused).isGreaterThanOrEqualTo(30);
  }

  @Test
  void beforeSetupOnlyTheSetupRoutesAreOpen() {
    var created =
        fx.accounts()
            .create(
                new StaffAccounts.NewStaff(
                    "newcomer", null, Set.of(Role.values()), List.of(), "tr"),
                "test")
            .await();
    Set<String> open = new TreeSet<>();
    StaffClient newcomer = null;
    for (ApiRoutes route : routes) {
      if (route.access().open()) {
        continue;
      }
      if (newcomer == null) {
        // one sign-in (an Argon2 hash) serves every route until one signs the newcomer out
        newcomer = fx.anonymous();
        assertThat(newcomer.signIn("newcomer", created.oneTimePassword(), null).statusCode())
            .isEqualTo(200);
      }
      HttpResponse<Buffer> response = call(newcomer, route);
      if (SIGN_OUTS.contains(route.toString())) {
        newcomer = null;
      }
      if (response.statusCode() == 403 && ApiProblem.SETUP_REQUIRED.equals(type(response))) {
        continue;
      }
      assertThat(response.statusCode()).as(route.toString()).isNotIn(401, 403);
      open.add(route.toString());
    }
    assertThat(open).isEqualTo(DURING_SETUP);
  }

  private static StaffClient freshSession(Role role) {
    StaffClient client = fx.anonymous();
    String username = role.id() + "-only";
    assertThat(client.signIn(username, ConsoleFixture.PASSWORD, fx.nextCode(username)).statusCode())
        .isEqualTo(200);
    return client;
  }
}

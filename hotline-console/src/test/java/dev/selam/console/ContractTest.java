package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.console.api.ConsoleApi;
import dev.selam.console.api.OperationsElsewhere;
import dev.selam.core.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The contract and the code agree: every operation in the document is a route with a handler, and
 * every route of the router is in the document. The document is read here on its own, not through
 * the code under test.
 */
@ExtendWith(VertxExtension.class)
class ContractTest {
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");

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

  static String documentText() throws Exception {
    try (InputStream in =
        ContractTest.class.getClassLoader().getResourceAsStream(ConsoleApi.CONTRACT)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> operations() throws Exception {
    Map<String, Object> document = new Yaml().load(documentText());
    Map<String, Map<String, Object>> operations = new java.util.TreeMap<>();
    Map<String, Map<String, Object>> paths =
        (Map<String, Map<String, Object>>) document.get("paths");
    paths.forEach(
        (path, item) ->
            item.forEach(
                (method, operation) -> {
                  if (METHODS.contains(method)) {
                    operations.put(
                        method.toUpperCase(Locale.ROOT) + " " + path,
                        (Map<String, Object>) operation);
                  }
                }));
    return operations;
  }

  @Test
  void everyDocumentedOperationIsARouteAndEveryRouteIsDocumented() throws Exception {
    Set<String> documented = operations().keySet();
    Set<String> routed = new TreeSet<>();
    for (ApiRoutes route : ApiRoutes.of(fx.api)) {
      routed.add(route.method() + " " + route.template().replaceAll(":([A-Za-z]+)", "{$1}"));
    }
    assertThat(routed).isEqualTo(documented);
  }

  @Test
  void everyDocumentedOperationHasItsHandlerAndNoHandlerIsExtra() throws Exception {
    Set<String> ids = new HashSet<>();
    operations().values().forEach(op -> ids.add((String) op.get("operationId")));
    assertThat(fx.api.operationIds()).isEqualTo(ids);
  }

  @Test
  void everyRouteIsImplemented() {
    // The OpenAPI router answers 503 for an operation without a handler.
    StaffClient admin = fx.signedIn("root", Role.ADMIN);
    for (ApiRoutes route : ApiRoutes.of(fx.api)) {
      if (route.path().endsWith("/session") || route.path().endsWith("/sessions")) {
        continue; // would sign the admin out; covered by RouteAccessTest
      }
      if (route.operation().getTags().contains(OperationsElsewhere.TAG)) {
        continue; // a stand-in here; the server's tests call the real handler
      }
      var response = admin.request(route.method(), route.path()).send().await();
      assertThat(response.statusCode()).as(route.toString()).isNotIn(405, 501, 503);
      if (response.statusCode() == 404) {
        // the handler's answer (no such account), not the router's
        assertThat(response.bodyAsJsonObject().getString("type"))
            .as(route.toString())
            .isEqualTo(dev.selam.console.api.ApiProblem.NOT_FOUND);
      }
    }
  }

  @Test
  void everyOperationDeclaresWhoMayCallIt() throws Exception {
    Set<String> allowed = Set.of("public", "staff", "operator", "supervisor", "editor", "admin");
    operations()
        .forEach(
            (name, op) -> {
              assertThat(op.get("x-roles")).as(name).isInstanceOf(List.class);
              assertThat((List<?>) op.get("x-roles")).as(name).isNotEmpty();
              assertThat(allowed).as(name).containsAll((List<String>) op.get("x-roles"));
            });
  }

  @Test
  void documentIsServedAsWritten() throws Exception {
    var response = fx.anonymous().get("/api/openapi.yaml");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).isEqualTo(documentText());
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void handlerWithoutAnOperationStopsTheStart(Vertx vertx) {
    assertThatThrownBy(
            () ->
                ConsoleApi.create(
                        vertx,
                        fx.identity.db.pool(),
                        fx.identity.identity,
                        ConsoleFixture.SESSIONS,
                        fx.identity.clock,
                        Map.of("exportEverything", ctx -> ctx.end()))
                    .await())
        .hasMessageContaining("handlers without an operation [exportEverything]");
  }
}

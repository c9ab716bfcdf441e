package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccounts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed in as each role in turn (operator, supervisor, editor, admin), with a valid session and
 * CSRF token, every operation of the staff API's contract gets malformed requests made from its own
 * schemas ({@link MalformedRequests}), its path parameters pointing at things that exist. Each
 * answer is a 4xx, or a 2xx whose body fits the contract; never a 5xx or no answer, and the service
 * stays healthy. The seed is printed; {@code -Dselam.fuzz.seed=N} repeats a run.
 */
class StaffRouteFuzzTest {
  static final Set<String> SIGN_OUTS = Set.of("DELETE /api/session", "DELETE /api/me/sessions");
  static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

  @TempDir Path dataDir;
  WebhookService bot;
  TestStaff accounts;
  final long seed = Long.getLong("selam.fuzz.seed", System.nanoTime());

  /** A signed-in browser: its session cookie and CSRF token. */
  record Session(String username, String cookie, String csrf) {}

  @BeforeEach
  void start() {
    System.out.println("fuzz seed: " + seed + " (repeat with -Dselam.fuzz.seed=" + seed + ")");
    bot = WebhookService.start(dataDir, Map.of("SELAM_TOTP_REQUIRED", "false"));
    accounts = new TestStaff(bot.service);
  }

  @AfterEach
  void stop() {
    accounts.close();
    bot.close();
  }

  @Test
  void everyRoleSendingMalformedRequestsToEveryRouteGetsA4xxOrAValidAnswer() throws Exception {
    Map<Role, Session> sessions = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      staff(role.id() + "-fuzz", role);
      sessions.put(role, signIn(role.id() + "-fuzz"));
    }
    staff("victim-fuzz", Role.OPERATOR);
    Map<String, Map<String, String>> realValues = realValues(sessions);

    JsonObject document =
        Utils.yamlStringToJson(bot.client.get("/api/openapi.yaml").send().await().bodyAsString())
            .await();
    OpenAPIContract contract = OpenAPIContract.from(bot.vertx, jsonAnswersOnly(document)).await();
    ResponseValidator answers = ResponseValidator.create(bot.vertx, contract);
    MalformedRequests malformed = new MalformedRequests(document, seed);

    Map<String, Operation> byName = new HashMap<>();
    operations(document).forEach(o -> byName.put(o.toString(), o));
    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Long> slowest = new HashMap<>();
    int sent = 0;
    int operations = 0;
    long started = System.nanoTime();
    for (Role role : Role.values()) {
      for (Operation operation : operations(document)) {
        if (sameForEveryRole(operation) && role != Role.values()[0]) {
          // public or open to any staff member: roles change nothing, and once is enough (these
          // are sign-in, sign-out and password routes, each request costing a password hash)
          continue;
        }
        operations++;
        long operationStarted = System.nanoTime();
        Map<String, String> values = realValues.getOrDefault(operation.path, Map.of());
        for (MalformedRequests.Request request :
            malformed.of(operation.path, operation.pathItem, operation.body, values)) {
          if (!mayCall(role, operation) && request.label().contains(": ")) {
            continue; // refused before the body is looked at: the field-by-field changes add
            // nothing
          }
          Session session = sessions.get(role);
          HttpResponse<Buffer> response;
          try {
            response = send(operation.method, request, session);
          } catch (RuntimeException e) {
            failures.add(describe("no answer (" + e + ")", role, operation, request));
            continue;
          } finally {
            sent++;
          }
          statuses.merge(response.statusCode(), 1, Integer::sum);
          String problem = judge(response, reached(contract, byName, operation, request), answers);
          if (problem != null) {
            failures.add(describe(problem, role, operation, request));
          }
          if (SIGN_OUTS.contains(operation.toString()) || response.statusCode() == 401) {
            sessions.put(role, signIn(session.username()));
          }
        }
        slowest.merge(operation.toString(), System.nanoTime() - operationStarted, Long::sum);
      }
    }
    System.out.printf(
        "staff route fuzz: %d operations x roles, %d requests in %.1f s, statuses %s%n",
        operations, sent, (System.nanoTime() - started) / 1e9, statuses);

    slowest.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8)
        .forEach(e -> System.out.printf("  %s: %.1f s%n", e.getKey(), e.getValue() / 1e9));
    failures.forEach(f -> System.out.println("FUZZ FAILURE " + f));
    assertThat(failures).isEmpty();
    assertThat(bot.client.get("/health").send().await().statusCode()).isEqualTo(200);
    assertThat(bot.client.get("/ready").send().await().statusCode()).isEqualTo(200);
    for (Role role : Role.values()) {
      Session session = signIn(role.id() + "-fuzz");
      assertThat(
              bot.client
                  .get("/api/me")
                  .putHeader("Cookie", session.cookie())
                  .send()
                  .await()
                  .statusCode())
          .as(role + " can still work")
          .isEqualTo(200);
    }
  }

  /**
   * The document with only the JSON bodies of its answers: vertx-openapi 5.0 refuses a contract
   * with {@code application/problem+json} or {@code text/csv} answers (the console hands it a
   * rewritten copy too), and only JSON bodies are checked against a schema here.
   */
  static JsonObject jsonAnswersOnly(JsonObject document) {
    JsonObject copy = document.copy();
    List<JsonObject> answerSets = new ArrayList<>();
    answerSets.add(copy.getJsonObject("components").getJsonObject("responses"));
    for (String path : copy.getJsonObject("paths").fieldNames()) {
      JsonObject item = copy.getJsonObject("paths").getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          answerSets.add(item.getJsonObject(method).getJsonObject("responses"));
        }
      }
    }
    for (JsonObject answers : answerSets) {
      for (String status : answers.fieldNames()) {
        if (answers.getJsonObject(status).getJsonObject("content") instanceof JsonObject content) {
          content.fieldNames().removeIf(type -> !type.equals("application/json"));
          if (content.isEmpty()) {
            answers.getJsonObject(status).remove("content");
          }
        }
      }
    }
    return copy;
  }

  /** One operation of the contract. */
  record Operation(HttpMethod method, String path, JsonObject pathItem, JsonObject body) {
    String operationId() {
      return body.getString("operationId");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Every operation in the document, sign-outs last (they end the session the others need). */
  static List<Operation> operations(JsonObject document) {
    List<Operation> operations = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          operations.add(
              new Operation(
                  HttpMethod.valueOf(method.toUpperCase(java.util.Locale.ROOT)),
                  path,
                  item,
                  item.getJsonObject(method)));
        }
      }
    }
    operations.sort(
        (a, b) ->
            Boolean.compare(SIGN_OUTS.contains(a.toString()), SIGN_OUTS.contains(b.toString())));
    assertThat(operations).hasSizeGreaterThanOrEqualTo(50);
    return operations;
  }

  static boolean mayCall(Role role, Operation operation) {
    JsonArray roles = operation.body.getJsonArray("x-roles", new JsonArray());
    return roles.contains("public") || roles.contains("staff") || roles.contains(role.id());
  }

  static boolean sameForEveryRole(Operation operation) {
    JsonArray roles = operation.body.getJsonArray("x-roles", new JsonArray());
    return roles.contains("public") || roles.contains("staff");
  }

  /**
   * The operation a request reaches: its own, unless a dot segment in a path parameter ({@code ..},
   * {@code %2e%2e}) made the router resolve the path to another route, as it should (null: no
   * operation has that path).
   */
  static Operation reached(
      OpenAPIContract contract,
      Map<String, Operation> byName,
      Operation operation,
      MalformedRequests.Request request) {
    String path = request.path().split("\\?", 2)[0];
    if (!path.contains("..") && !path.toLowerCase(java.util.Locale.ROOT).contains("%2e%2e")) {
      return operation;
    }
    String normalized =
        java.net
            .URI
            .create(path.replaceAll("(?i)%2e", "."))
            .normalize()
            .getPath()
            .replaceAll("(.)/$", "$1"); // the router ignores a trailing slash
    var found = contract.findOperation(normalized, operation.method);
    return found == null ? null : byName.get(found.getHttpMethod() + " " + found.getOpenAPIPath());
  }

  /**
   * Null when the answer is acceptable: a 4xx, or a 2xx that fits the operation's declared answer
   * (a JSON body is checked against its schema, any other against its declared content type).
   */
  static String judge(
      HttpResponse<Buffer> response, Operation operation, ResponseValidator answers) {
    int status = response.statusCode();
    if (status >= 400 && status < 500) {
      return null;
    }
    if (status < 200 || status >= 300) {
      return "status " + status;
    }
    if (operation == null) {
      return status + " for a path that no operation has";
    }
    if ("openLiveUpdates".equals(operation.operationId())) {
      return "a plain request was upgraded";
    }
    String type = response.getHeader("Content-Type");
    JsonObject declared =
        operation
            .body
            .getJsonObject("responses")
            .getJsonObject(Integer.toString(status), new JsonObject())
            .getJsonObject("content");
    if (declared == null) {
      return response.body() == null || response.body().length() == 0
          ? null
          : status + " with a body the contract does not declare";
    }
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim();
    if (!declared.containsKey(mediaType)) {
      return status + " with " + type + ", declared " + declared.fieldNames();
    }
    if (!mediaType.equals("application/json")) {
      return null;
    }
    try {
      answers
          .validate(
              ValidatableResponse.create(status, response.body(), mediaType),
              operation.operationId())
          .await();
      return null;
    } catch (RuntimeException e) {
      return status + " whose body does not fit the contract: " + e.getMessage();
    }
  }

  private HttpResponse<Buffer> send(
      HttpMethod method, MalformedRequests.Request malformed, Session session) {
    HttpRequest<Buffer> request =
        bot.client
            .request(method, malformed.path())
            .putHeader("Cookie", session.cookie())
            .putHeader("X-CSRF-Token", session.csrf());
    if (malformed.contentType() != null) {
      request.putHeader("Content-Type", malformed.contentType());
    }
    return request.sendBuffer(malformed.body()).await();
  }

  static String describe(
      String problem, Role role, Operation operation, MalformedRequests.Request request) {
    String path =
        request.path().length() > 120
            ? request.path().substring(0, 120) + "..." + request.path().length()
            : request.path();
    return problem + ": " + operation.method + " " + path + " [" + request.label() + "] as " + role;
  }

  /** A staff member speaking every language the bot does, with the test password. */
  void staff(String username, Role role) {
    var created =
        accounts
            .identity
            .accounts()
            .create(
                new StaffAccounts.NewStaff(
                    username, null, Set.of(role), List.of("en", "tr", "ar"), "en"),
                "test")
            .await();
    accounts
        .identity
        .accounts()
        .changePassword(created.account().id(), created.oneTimePassword(), TestStaff.PASSWORD)
        .await();
  }

  Session signIn(String username) {
    HttpResponse<Buffer> signedIn =
        bot.client
            .post("/api/session")
            .sendJsonObject(
                new JsonObject().put("username", username).put("password", TestStaff.PASSWORD))
            .await();
    assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);
    return new Session(
        username,
        signedIn.cookies().get(0).split(";", 2)[0],
        signedIn.bodyAsJsonObject().getString("csrfToken"));
  }

  /**
   * Things that exist, by path template and parameter name, so that requests reach past "not
   * found": an escalation and its conversation (from a person in danger writing through the
   * webhook), a staff account that is nobody's session, a canned reply, a published article.
   */
  Map<String, Map<String, String>> realValues(Map<Role, Session> sessions) throws Exception {
    bot.webhook(
        TelegramUpdates.message(
            1, 4242, 1, "My boss took my passport and locked the door, I cannot leave"));
    Session operator = sessions.get(Role.OPERATOR);
    JsonObject escalation = null;
    for (int i = 0; i < 200 && escalation == null; i++) {
      JsonArray items = get(operator, "/api/queue?languages=all").getJsonArray("items");
      escalation = items.isEmpty() ? null : items.getJsonObject(0);
      if (escalation == null) {
        Thread.sleep(50);
      }
    }
    assertThat(escalation).as("the escalation is in the queue").isNotNull();
    String victim =
        get(sessions.get(Role.ADMIN), "/api/staff").getJsonArray("staff").stream()
            .map(JsonObject.class::cast)
            .filter(s -> s.getString("username").equals("victim-fuzz"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    Session supervisor = sessions.get(Role.SUPERVISOR);
    HttpResponse<Buffer> canned =
        bot.client
            .post("/api/canned-replies")
            .putHeader("Cookie", supervisor.cookie())
            .putHeader("X-CSRF-Token", supervisor.csrf())
            .sendJsonObject(
                new JsonObject().put("language", "en").put("title", "Hello").put("text", "Hi"))
            .await();
    assertThat(canned.statusCode()).as(canned.bodyAsString()).isBetween(200, 201);
    JsonObject article =
        get(sessions.get(Role.EDITOR), "/api/kb/articles?language=en")
            .getJsonArray("articles")
            .getJsonObject(0);

    Map<String, String> escalationId = Map.of("id", escalation.getString("id"));
    Map<String, String> conversationId = Map.of("id", escalation.getString("conversationId"));
    Map<String, Map<String, String>> values = new HashMap<>();
    values.put("/api/escalations/{id}/claim", escalationId);
    values.put("/api/escalations/{id}/release", escalationId);
    values.put("/api/escalations/{id}/transfer", escalationId);
    values.put("/api/escalations/{id}/close", escalationId);
    values.put("/api/conversations/{id}", conversationId);
    values.put("/api/conversations/{id}/replies", conversationId);
    values.put("/api/conversations/{id}/notes", conversationId);
    values.put("/api/canned-replies/{id}", Map.of("id", canned.bodyAsJsonObject().getString("id")));
    for (String path :
        List.of(
            "/api/staff/{id}",
            "/api/staff/{id}/disable",
            "/api/staff/{id}/enable",
            "/api/staff/{id}/password-reset",
            "/api/staff/{id}/totp-reset")) {
      values.put(path, Map.of("id", victim));
    }
    Map<String, String> kb =
        Map.of(
            "topic",
            article.getString("topic"),
            "language",
            article.getString("language"),
            "version",
            "1");
    for (String path :
        List.of(
            "/api/kb/articles/{topic}/{language}",
            "/api/kb/articles/{topic}/{language}/publish",
            "/api/kb/articles/{topic}/{language}/archive",
            "/api/kb/articles/{topic}/{language}/versions",
            "/api/kb/articles/{topic}/{language}/versions/{version}/restore",
            "/api/kb/articles/{topic}/{language}/diff")) {
      values.put(path, kb);
    }
    return values;
  }

  private JsonObject get(Session session, String path) {
    HttpResponse<Buffer> response =
        bot.client.get(path).putHeader("Cookie", session.cookie()).send().await();
    assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }
}

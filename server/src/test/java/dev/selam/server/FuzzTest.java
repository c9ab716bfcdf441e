package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.crypto.FieldCipher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.impl.Utils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never breaks the service: 10,000 generated webhook bodies, and malformed requests to
 * every route of the service (the staff API's routes read from its own contract), each answered
 * below 500, with nothing half-stored. The seed is printed; {@code -Dselam.fuzz.seed=N} repeats a
 * run.
 */
class FuzzTest {
  static final int WEBHOOK_BODIES = 10_000;
  static final int IN_FLIGHT = 16;
  static final Set<String> SIGN_OUTS = Set.of("DELETE /api/session", "DELETE /api/me/sessions");

  @TempDir Path dataDir;
  WebhookService bot;
  final long seed = Long.getLong("selam.fuzz.seed", System.nanoTime());

  @BeforeEach
  void start() {
    System.out.println("fuzz seed: " + seed + " (repeat with -Dselam.fuzz.seed=" + seed + ")");
    bot = WebhookService.start(dataDir, Map.of(), new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  @Test
  void generatedWebhookBodiesGetAClearAnswerAndNothingHalfStored() throws Exception {
    WebhookBodies bodies = new WebhookBodies(seed, seedUpdates());
    Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicLong nextUpdateId = new AtomicLong(1);
    List<WebhookBodies.Body> generated = new ArrayList<>();
    for (int i = 0; i < WEBHOOK_BODIES; i++) {
      generated.add(bodies.next(nextUpdateId.getAndIncrement()));
    }
    AtomicLong next = new AtomicLong();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < IN_FLIGHT; lane++) {
      lanes.add(sendAll(generated, next, statuses, failures));
    }
    Future.join(lanes).await();
    System.out.println("fuzz webhook statuses by kind: " + new TreeMap<>(statuses));

    assertThat(failures).isEmpty();
    assertThat(statuses.get("valid")).containsOnlyKeys(200);
    assertThat(statuses.get("invalid-utf8").keySet()).allMatch(s -> s >= 400 && s < 500);
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/ready").statusCode()).isEqualTo(200);
    // every update accepted is handled (none stuck), and every stored message is whole
    Await.until(() -> count("SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NULL") == 0);
    assertThat(count("SELECT COUNT(*) FROM inbound_update WHERE outcome = 'failed'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM message WHERE direction = 'in'")).isPositive();
    assertThat(wholeMessages())
        .isEqualTo(count("SELECT COUNT(*) FROM message WHERE body IS NOT NULL"));
  }

  @Test
  void malformedRequestsToEveryRouteGetAClearAnswerNeverA5xx() throws Exception {
    InitialAdmin admin = InitialAdmin.enrol(bot.client, dataDir);
    List<String> routes = new ArrayList<>(staffRoutes());
    assertThat(routes).contains("POST /api/session", "GET /api/staff", "PATCH /api/staff/{id}");
    routes.addAll(
        List.of(
            "GET /health",
            "GET /ready",
            "GET /metrics",
            "POST /telegram/webhook",
            "GET /",
            "GET /index.html",
            "GET /no/such/page"));
    // signing out ends the admin's session: those go last
    routes.sort((a, b) -> Boolean.compare(SIGN_OUTS.contains(a), SIGN_OUTS.contains(b)));
    List<String> fiveHundreds = new ArrayList<>();
    int sent = 0;
    for (String route : routes) {
      HttpMethod method = HttpMethod.valueOf(route.split(" ")[0]);
      for (String path : paths(route.split(" ")[1])) {
        for (Malformed malformed : Malformed.values()) {
          for (InitialAdmin who : java.util.Arrays.asList(null, admin)) {
            HttpResponse<Buffer> response;
            try {
              response = send(method, path, malformed, who);
            } catch (RuntimeException e) {
              // The server may answer early (414 for a request line over its limit) and close
              // while the client is still sending a large body, which the client reports as a
              // closed connection: the same request with an empty body must get that clear 4xx.
              int early = answerWithoutBody(method, path, who);
              if (early >= 400 && early < 500) {
                continue;
              }
              // no answer at all is as bad as a 5xx
              fiveHundreds.add(
                  e.getClass().getSimpleName()
                      + " "
                      + method
                      + " "
                      + path
                      + " "
                      + malformed
                      + (who == null ? "" : " (admin)"));
              continue;
            } finally {
              sent++;
            }
            if (response.statusCode() >= 500) {
              fiveHundreds.add(
                  response.statusCode()
                      + " "
                      + method
                      + " "
                      + path
                      + " "
                      + malformed
                      + (who == null ? "" : " (admin)"));
            }
          }
        }
      }
    }
    System.out.println("fuzz routes: " + routes.size() + " routes, " + sent + " requests");
    assertThat(fiveHundreds).isEmpty();
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  enum Malformed {
    TRUNCATED_JSON,
    WRONG_TYPES,
    HUGE_NUMBER,
    DEEP_NESTING,
    INVALID_UTF8,
    NOT_JSON,
    EMPTY,
    OVER_THE_LIMIT,
    ODD_QUERY
  }

  /** The status the request gets without a body, or 0 when it gets no answer either. */
  private int answerWithoutBody(HttpMethod method, String path, InitialAdmin who) {
    try {
      return send(method, path, Malformed.EMPTY, who).statusCode();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private HttpResponse<Buffer> send(
      HttpMethod method, String path, Malformed malformed, InitialAdmin who) {
    String query =
        malformed == Malformed.ODD_QUERY
            ? "?limit=-1&offset=abc&before=1e400&after=%00&q=%ZZ&limit=99999999999999999999"
            : "";
    HttpRequest<Buffer> request = bot.client.request(method, path + query);
    if (who != null) {
      request.putHeader("Cookie", who.cookie()).putHeader("X-CSRF-Token", who.csrf());
    }
    if (path.equals("/telegram/webhook")) {
      request.putHeader("X-Telegram-Bot-Api-Secret-Token", WebhookService.SECRET);
    }
    String contentType =
        malformed == Malformed.NOT_JSON ? "application/xml" : "application/json; charset=utf-8";
    request.putHeader("Content-Type", contentType);
    return request.sendBuffer(body(malformed)).await();
  }

  private static Buffer body(Malformed malformed) {
    return switch (malformed) {
      case TRUNCATED_JSON -> Buffer.buffer("{\"username\":\"admin\",\"password\":\"x");
      case WRONG_TYPES ->
          Buffer.buffer(
              "{\"username\":[1],\"password\":{},\"roles\":\"admin\",\"languages\":7,"
                  + "\"displayName\":null,\"code\":true,\"newPassword\":1.5}");
      case HUGE_NUMBER -> Buffer.buffer("{\"update_id\":1e400,\"limit\":99999999999999999999999}");
      case DEEP_NESTING -> Buffer.buffer("[".repeat(100_000) + "]".repeat(100_000));
      case INVALID_UTF8 ->
          Buffer.buffer("{\"username\":\"")
              .appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF})
              .appendString("\"}");
      case NOT_JSON -> Buffer.buffer("<a><b>&xxe;</b></a>");
      case EMPTY, ODD_QUERY -> Buffer.buffer();
      case OVER_THE_LIMIT -> Buffer.buffer(new byte[1_048_577]);
    };
  }

  /** A route's path with its parameters filled in well and badly. */
  private static List<String> paths(String template) {
    if (!template.contains("{")) {
      return List.of(template);
    }
    List<String> paths = new ArrayList<>();
    for (String value :
        List.of(
            "00000000-0000-4000-8000-000000000000",
            "..%2F..%2Fetc%2Fpasswd",
            "%00",
            "a".repeat(3_000),
            "'%20OR%20'1'%3D'1",
            "%3Cscript%3E")) {
      paths.add(template.replaceAll("\\{[^}]+}", value));
    }
    return paths;
  }

  /** Every operation of the staff API, read from the contract the service serves. */
  private List<String> staffRoutes() {
    String contract = get("/api/openapi.yaml").bodyAsString();
    JsonObject json = Utils.yamlStringToJson(contract).await();
    List<String> routes = new ArrayList<>();
    json.getJsonObject("paths")
        .forEach(
            path ->
                ((JsonObject) path.getValue())
                    .fieldNames()
                    .forEach(
                        method -> {
                          if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                            routes.add(method.toUpperCase() + " " + path.getKey());
                          }
                        }));
    return routes;
  }

  private Future<Void> sendAll(
      List<WebhookBodies.Body> bodies,
      AtomicLong next,
      Map<String, Map<Integer, Integer>> statuses,
      ConcurrentLinkedQueue<String> failures) {
    int index = (int) next.getAndIncrement();
    if (index >= bodies.size()) {
      return Future.succeededFuture();
    }
    WebhookBodies.Body body = bodies.get(index);
    return bot.client
        .post("/telegram/webhook")
        .putHeader("X-Telegram-Bot-Api-Secret-Token", WebhookService.SECRET)
        .sendBuffer(Buffer.buffer(body.bytes()))
        .transform(
            answer -> {
              int status = answer.succeeded() ? answer.result().statusCode() : 0;
              statuses
                  .computeIfAbsent(body.kind(), k -> new ConcurrentHashMap<>())
                  .merge(status, 1, Integer::sum);
              if (status == 0 || status >= 500) {
                failures.add(
                    "#"
                        + index
                        + " "
                        + body.kind()
                        + " -> "
                        + (status == 0 ? answer.cause() : status)
                        + " body(base64, first 300 bytes)="
                        + Base64.getEncoder()
                            .encodeToString(
                                java.util.Arrays.copyOf(
                                    body.bytes(), Math.min(300, body.bytes().length))));
              }
              return sendAll(bodies, next, statuses, failures);
            });
  }

  /** Stored messages whose text decrypts: a half-written one would not. */
  private long wholeMessages() throws Exception {
    FieldCipher cipher = bot.service.cipher();
    long whole = 0;
    try (Connection c = bot.service.database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT body FROM message WHERE body IS NOT NULL")) {
      while (rs.next()) {
        cipher.decrypt(rs.getString(1), "message.body");
        whole++;
      }
    }
    return whole;
  }

  private static List<JsonObject> seedUpdates() throws Exception {
    Path dir =
        Path.of(System.getProperty("selam.repo.root", ".."))
            .resolve("bot/src/test/resources/telegram-updates");
    List<JsonObject> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        seeds.add(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    assertThat(seeds).hasSizeGreaterThan(10);
    return seeds;
  }

  private HttpResponse<Buffer> get(String path) {
    return bot.client.get(path).send().await();
  }

  private long count(String sql) {
    return bot.count(sql);
  }
}

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.crypto.Keys;
import dev.selam.core.identity.Role;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.openapi.impl.Utils;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor API through the whole service: the console's guard in front, the knowledge module's
 * handlers behind, the real index and search. One service for the class; each test works on its own
 * article.
 */
class EditorApiTest {
  static final String AMBULANCE = "which number do I ring for an ambulance";

  @TempDir static Path dataDir;
  static TestService service;
  static TestStaff accounts;
  static UnansweredQuestions unanswered;
  static WebClient http;
  static Staff editor;
  static Staff operator;
  static Staff admin;

  /** A signed-in staff member as a browser would be: session cookie and CSRF token. */
  record Staff(String cookie, String csrf) {
    HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
      HttpRequest<Buffer> request = http.request(method, path);
      if (cookie != null) {
        request.putHeader("Cookie", cookie);
      }
      if (csrf != null) {
        request.putHeader("X-CSRF-Token", csrf);
      }
      return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    JsonObject ok(HttpMethod method, String path, JsonObject body) {
      HttpResponse<Buffer> response = send(method, path, body);
      assertThat(response.statusCode())
          .as(method + " " + path + ": " + response.bodyAsString())
          .isBetween(200, 201);
      return response.bodyAsJsonObject();
    }

    JsonObject get(String path) {
      return ok(HttpMethod.GET, path, null);
    }
  }

  @BeforeAll
  static void start() {
    Map<String, String> keys = new HashMap<>();
    Keys.newEnvironmentLines("test")
        .lines()
        .forEach(line -> keys.put(line.split("=", 2)[0], line.split("=", 2)[1]));
    Map<String, String> extra = new HashMap<>(keys);
    extra.put("SELAM_TOTP_REQUIRED", "false");
    service = TestService.start(dataDir, extra);
    accounts = new TestStaff(service);
    keys.put(DataDirectory.SETTING, dataDir.toString());
    Settings keySettings = Settings.of(keys);
    unanswered =
        new UnansweredQuestions(
            accounts.database.pool(),
            Keys.from(keySettings, DataDirectory.from(keySettings), false).cipher(),
            Clock.systemUTC());
    http = service.client();
    editor = staff("edna", Role.EDITOR);
    operator = staff("omar", Role.OPERATOR, Role.SUPERVISOR);
    admin = staff("ada", Role.ADMIN);
  }

  @AfterAll
  static void stop() {
    accounts.close();
    service.close();
  }

  static Staff staff(String username, Role... roles) {
    accounts.create(username, roles);
    HttpResponse<Buffer> signedIn =
        http.post("/api/session")
            .sendJsonObject(
                new JsonObject().put("username", username).put("password", TestStaff.PASSWORD))
            .await();
    assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);
    String cookie = signedIn.cookies().get(0).split(";", 2)[0];
    return new Staff(cookie, signedIn.bodyAsJsonObject().getString("csrfToken"));
  }

  static String article(String topic, String language) {
    return "/api/kb/articles/" + topic + "/" + language;
  }

  static JsonObject preview(String question, String language) {
    return editor.ok(
        HttpMethod.POST,
        "/api/kb/preview",
        new JsonObject().put("question", question).put("language", language));
  }

  @Test
  void everyEditorRouteRefusesStrangersAndOtherRolesAndLetsEditorsIn() throws Exception {
    JsonObject contract =
        Utils.yamlStringToJson(http.get("/api/openapi.yaml").send().await().bodyAsString()).await();
    int routes = 0;
    for (String path : contract.getJsonObject("paths").fieldNames()) {
      JsonObject item = contract.getJsonObject("paths").getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject op)
            || !op.getJsonArray("tags", new JsonArray()).contains("knowledge-base")) {
          continue;
        }
        routes++;
        String concrete =
            path.replace("{topic}", "no-such-topic")
                .replace("{language}", "en")
                .replace("{version}", "1");
        HttpMethod verb = HttpMethod.valueOf(method.toUpperCase());
        String name = method + " " + path;
        assertThat(new Staff(null, null).send(verb, concrete, null).statusCode())
            .as(name)
            .isEqualTo(401);
        HttpResponse<Buffer> asOperator = operator.send(verb, concrete, null);
        assertThat(asOperator.statusCode()).as(name).isEqualTo(403);
        assertThat(asOperator.bodyAsJsonObject().getString("type"))
            .isEqualTo("urn:selam:problem:role-required");
        assertThat(editor.send(verb, concrete, null).statusCode()).as(name).isNotIn(401, 403, 500);
        boolean adminMay = op.getJsonArray("x-roles").contains("admin");
        assertThat(admin.send(verb, concrete, null).statusCode() == 403)
            .as(name)
            .isNotEqualTo(adminMay);
      }
    }
    assertThat(routes).isEqualTo(14);
  }

  @Test
  void changeWithoutTheCsrfTokenIsRefused() {
    JsonObject current = editor.get(article("education", "tr"));
    HttpResponse<Buffer> forged =
        new Staff(editor.cookie(), null)
            .send(
                HttpMethod.PUT,
                article("education", "tr"),
                new JsonObject()
                    .put("basedOn", current.getInteger("version"))
                    .put("title", "Forged")
                    .put("body", "Forged body"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.bodyAsJsonObject().getString("type")).isEqualTo("urn:selam:problem:csrf");
    assertThat(editor.get(article("education", "tr")).getString("title"))
        .isEqualTo(current.getString("title"));
  }

  @Test
  void editBasedOnAStaleVersionGets409AndChangesNothing() {
    JsonObject opened = editor.get(article("lost-documents", "tr"));
    int version = opened.getInteger("version");
    JsonObject edit =
        new JsonObject()
            .put("basedOn", version)
            .put("title", opened.getString("title") + " (first)")
            .put("body", opened.getString("body"));
    assertThat(
            editor.ok(HttpMethod.PUT, article("lost-documents", "tr"), edit).getInteger("version"))
        .isEqualTo(version + 1);

    HttpResponse<Buffer> stale =
        editor.send(
            HttpMethod.PUT,
            article("lost-documents", "tr"),
            edit.copy().put("title", opened.getString("title") + " (second)"));

    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.bodyAsJsonObject().getString("type")).isEqualTo("urn:selam:problem:conflict");
    assertThat(editor.get(article("lost-documents", "tr")).getString("title")).endsWith("(first)");
  }

  @Test
  void restoringAVersionBringsItBackAsANewVersionAndTheDiffShowsTheChange() {
    String path = article("legal-aid", "en");
    JsonObject first = editor.get(path);
    String oldTitle = first.getString("title");
    JsonObject edited =
        editor.ok(
            HttpMethod.PUT,
            path,
            new JsonObject()
                .put("basedOn", first.getInteger("version"))
                .put("title", "Free lawyers: how to ask")
                .put("body", first.getString("body")));

    JsonArray diff =
        editor
            .get(
                path
                    + "/diff?from="
                    + first.getInteger("version")
                    + "&to="
                    + edited.getInteger("version"))
            .getJsonArray("lines");
    assertThat(
            diff.stream()
                .map(JsonObject.class::cast)
                .filter(l -> !l.getString("op").equals("same")))
        .extracting(l -> l.getString("op") + " " + l.getString("text"))
        .containsExactly("removed title: " + oldTitle, "added title: \"Free lawyers: how to ask\"");

    JsonObject restored =
        editor.ok(
            HttpMethod.POST,
            path + "/versions/" + first.getInteger("version") + "/restore",
            new JsonObject().put("basedOn", edited.getInteger("version")));
    assertThat(restored.getString("title")).isEqualTo(oldTitle);
    assertThat(restored.getInteger("version")).isEqualTo(edited.getInteger("version") + 1);
    JsonArray versions = editor.get(path + "/versions").getJsonArray("versions");
    assertThat(versions.getJsonObject(0).getString("change")).isEqualTo("restored");
    assertThat(versions.getJsonObject(0).getString("author")).isEqualTo("edna");
    assertThat(versions).hasSize(restored.getInteger("version"));
  }

  @Test
  void aVersionNumberPastWhatAnArticleCanHaveIsABadRequest() {
    String path = article("legal-aid", "en");
    String tooLarge = "2147483648";

    HttpResponse<Buffer> restore =
        editor.send(
            HttpMethod.POST,
            path + "/versions/" + tooLarge + "/restore",
            new JsonObject().put("basedOn", 1));
    HttpResponse<Buffer> diff =
        editor.send(HttpMethod.GET, path + "/diff?from=1&to=" + tooLarge, null);

    assertThat(restore.statusCode()).as(restore.bodyAsString()).isEqualTo(400);
    assertThat(diff.statusCode()).as(diff.bodyAsString()).isEqualTo(400);
  }

  @Test
  void editorChangesAnArticleAndTheBotsAnswerChangesWithoutRestart() {
    JsonObject before = preview(AMBULANCE, "en");
    assertThat(before.getString("outcome")).isEqualTo("answer");
    JsonObject answer = before.getJsonObject("answer");
    String path = article(answer.getString("topic"), "en");
    assertThat(answer.getString("html")).doesNotContain("turquoise card");

    JsonObject current = editor.get(path);
    JsonObject archived =
        editor.ok(
            HttpMethod.POST,
            path + "/archive",
            new JsonObject().put("basedOn", current.getInteger("version")));
    assertThat(
            preview(AMBULANCE, "en").getJsonArray("hits").stream()
                .map(JsonObject.class::cast)
                .filter(h -> h.getString("language").equals("en"))
                .map(h -> h.getString("topic")))
        .doesNotContain(answer.getString("topic"));

    JsonObject edited =
        editor.ok(
            HttpMethod.PUT,
            path,
            new JsonObject()
                .put("basedOn", archived.getInteger("version"))
                .put("title", current.getString("title"))
                .put(
                    "body",
                    current.getString("body")
                        + "\n\nShow the **turquoise card** at the desk. <script>x()</script>"));
    assertThat(edited.getString("status")).isEqualTo("archived");
    editor.ok(
        HttpMethod.POST,
        path + "/publish",
        new JsonObject().put("basedOn", edited.getInteger("version")));

    JsonObject after = preview(AMBULANCE, "en");
    assertThat(after.getString("outcome")).isEqualTo("answer");
    assertThat(after.getJsonObject("answer").getString("topic"))
        .isEqualTo(answer.getString("topic"));
    assertThat(after.getJsonObject("answer").getString("html"))
        .contains("<strong>turquoise card</strong>")
        .contains("&lt;script&gt;")
        .doesNotContain("<script>");
    assertThat(service.service.knowledge().search(AMBULANCE, "en").await().answer())
        .hasValueSatisfying(hit -> assertThat(hit.topic()).isEqualTo(answer.getString("topic")));

    JsonArray audit = admin.get("/api/audit?limit=500").getJsonArray("events");
    assertThat(audit.stream().map(JsonObject.class::cast))
        .filteredOn(e -> path.endsWith(String.valueOf(e.getString("target"))))
        .extracting(e -> e.getString("action"))
        .contains("kb.article_archived", "kb.article_edited", "kb.article_published");
  }

  @Test
  void draftIsCreatedThenRenderedSafely() {
    HttpResponse<Buffer> unknownTopic =
        editor.send(
            HttpMethod.POST,
            "/api/kb/articles",
            new JsonObject()
                .put("topic", "no-such-topic")
                .put("language", "en")
                .put("title", "T")
                .put("body", "B"));
    assertThat(unknownTopic.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> existing =
        editor.send(
            HttpMethod.POST,
            "/api/kb/articles",
            new JsonObject()
                .put("topic", "shelter")
                .put("language", "en")
                .put("title", "T")
                .put("body", "B"));
    assertThat(existing.statusCode()).isEqualTo(409);
    assertThat(existing.bodyAsJsonObject().getString("detail")).contains("shelter/en");

    String html =
        editor
            .ok(
                HttpMethod.POST,
                "/api/kb/rendering",
                new JsonObject()
                    .put(
                        "markdown",
                        "# Hi\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert%281%29) [y](tel:112)"))
            .getString("html");
    assertThat(html)
        .contains("<h1>Hi</h1>", "&lt;img", "href=\"\">x</a>", "href=\"tel:112\">y</a>")
        .doesNotContain("<img", "javascript:");
  }

  @Test
  void importIsAllOrNothingAndNamesEachBadFile() {
    JsonObject exported = editor.get("/api/kb/export").getJsonObject("files");
    assertThat(exported.fieldNames()).contains("shelter/en.md", "shelter/ar.md");
    JsonObject roundTrip =
        editor.ok(HttpMethod.POST, "/api/kb/import", new JsonObject().put("files", exported));
    assertThat(roundTrip.getInteger("files")).isEqualTo(exported.size());
    assertThat(roundTrip.getInteger("changed")).isZero();
    String good =
        exported.getString("work-permit/en.md").replace("\n---\n", "\n---\nImported line.\n");
    JsonObject files =
        new JsonObject()
            .put("work-permit/en.md", good)
            .put("work-permit/xx.md", good)
            .put("no-such-topic/en.md", good)
            .put("work-permit/ru.md", "no front matter");

    HttpResponse<Buffer> refused =
        editor.send(HttpMethod.POST, "/api/kb/import", new JsonObject().put("files", files));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(
            refused.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(JsonObject.class::cast)
                .map(e -> e.getString("location")))
        .containsExactlyInAnyOrder("work-permit/xx.md", "no-such-topic/en.md", "work-permit/ru.md");
    assertThat(editor.get(article("work-permit", "en")).getString("body"))
        .doesNotContain("Imported line.");

    JsonObject imported =
        editor.ok(
            HttpMethod.POST,
            "/api/kb/import",
            new JsonObject().put("files", new JsonObject().put("work-permit/en.md", good)));
    assertThat(imported.getInteger("changed")).isEqualTo(1);
    assertThat(editor.get(article("work-permit", "en")).getString("body"))
        .startsWith("Imported line.");
  }

  @Test
  void gapReportGroupsSimilarQuestionsAndIsAuditedAndEditorsOnly() {
    unanswered.record("tr", "kiz kardesim icin okul kaydi nasil yapilir", null, 0.1).await();
    unanswered.record("tr", "kız kardeşim için okul kaydı nasıl yapılır acaba", null, 0.2).await();
    unanswered.record("tr", "otobus karti nereden alinir", null, 0.1).await();

    JsonObject report = editor.get("/api/kb/gaps");

    JsonObject turkish =
        report.getJsonArray("languages").stream()
            .map(JsonObject.class::cast)
            .filter(l -> l.getString("language").equals("tr"))
            .findFirst()
            .orElseThrow();
    assertThat(turkish.getInteger("count")).isEqualTo(3);
    JsonArray groups = turkish.getJsonArray("groups");
    assertThat(groups).hasSize(2);
    assertThat(groups.getJsonObject(0).getInteger("count")).isEqualTo(2);
    assertThat(groups.getJsonObject(0).getString("wording")).startsWith("kız kardeşim");
    assertThat(admin.send(HttpMethod.GET, "/api/kb/gaps", null).statusCode()).isEqualTo(403);
    assertThat(
            admin.get("/api/audit?limit=500").getJsonArray("events").stream()
                .map(JsonObject.class::cast)
                .map(e -> e.getString("action")))
        .contains("kb.gap_report_viewed");
  }
}

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web chat in headless Chromium against the whole service (no Telegram): an Arabic question
 * answered right to left, a risky message escalated and answered by an operator through the
 * console's API (as the console page calls it), the reply arriving live, quick exit, erase. The
 * "neutral site" of quick exit is a page served on loopback by the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebChatBrowserTest {

  TestService service;
  TestStaff staff;
  WebClient console;
  Vertx neutralVertx;
  HttpServer neutral;
  WebDriver browser;
  WebDriverWait wait;
  String base;
  String exitUrl;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    HeadlessChromium.assumeInstalled();
    neutralVertx = Vertx.vertx();
    neutral =
        neutralVertx
            .createHttpServer()
            .requestHandler(
                r ->
                    r.response()
                        .putHeader("Content-Type", "text/html")
                        .end("<!doctype html><title>Weather</title><p>Sunny, 21 degrees"))
            .listen(0, "127.0.0.1")
            .await();
    exitUrl = "http://127.0.0.1:" + neutral.actualPort() + "/weather";
    service =
        TestService.start(
            dataDir, Map.of("SELAM_WEBCHAT_EXIT_URL", exitUrl, "SELAM_TOTP_REQUIRED", "false"));
    base = "http://127.0.0.1:" + service.port();
    staff = new TestStaff(service);
    console =
        WebClient.create(
            service.service.vertx(),
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(service.port()));
    ChromeOptions options = HeadlessChromium.options(dataDir.resolve("chromium"));
    options.addArguments("--lang=ar", "--window-size=400,800");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ar"));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    browser = HeadlessChromium.start(options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (console != null) {
      console.close();
    }
    if (staff != null) {
      staff.close();
    }
    if (service != null) {
      service.close();
    }
    if (neutralVertx != null) {
      neutralVertx.close().await();
    }
  }

  /** Every test starts as a new visitor: no conversation in the tab. */
  @BeforeEach
  void freshVisitor() {
    browser.get(base + "/health");
    js("sessionStorage.clear(); localStorage.clear();");
  }

  @Test
  void anArabicQuestionIsAnsweredInArabicRightToLeft() {
    openChat();
    assertThat(js("return document.documentElement.dir")).isEqualTo("rtl");
    assertThat(js("return document.documentElement.lang")).isEqualTo("ar");

    int before = serviceMessages().size();
    write("كيف أستطيع أن أرى طبيبا مجانا في المستشفى الحكومي؟");

    wait.until(d -> serviceMessages().size() > before);
    WebElement answer = serviceMessages().get(serviceMessages().size() - 1);
    assertThat(answer.getText()).containsPattern("[\\u0600-\\u06FF]{3,}");
    assertThat(js("return getComputedStyle(arguments[0]).direction", answer)).isEqualTo("rtl");
    screenshot("webchat-ar.png"); // for a reviewer's eye, not asserted
    assertThat(browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
        .as("the page's console: nothing the content security policy refused")
        .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
  }

  @Test
  void aRiskyMessageIsEscalatedAndTheReplyAnOperatorSendsFromTheConsoleAppearsLive() {
    openChat();
    String risky =
        "My boss took my passport, he locks me inside the workshop at night and says he will"
            + " hurt my family if I run away";
    write(risky);
    staff.create("selin", "Selin Aydın", Role.OPERATOR);
    Operator selin = signIn("selin");

    JsonObject escalation = wait.until(d -> selin.waitingEscalationOf(risky));
    String conversationId = escalation.getString("conversationId");
    assertThat(escalation.getString("level")).isEqualTo("high");
    selin.ok(HttpMethod.POST, "/api/escalations/" + escalation.getString("id") + "/claim", null);
    String reply = "You are not alone <b>now</b>. Are you somewhere safe to write?";
    JsonObject sent =
        selin.ok(
            HttpMethod.POST,
            "/api/conversations/" + conversationId + "/replies",
            new JsonObject().put("text", reply));
    assertThat(sent.getString("operatorName")).isEqualTo("Selin Aydın");

    // no reload: the page receives it live
    WebElement shown = wait.until(d -> lastServiceMessageWith(reply));
    assertThat(shown.findElement(By.cssSelector(".b")).getText()).isEqualTo("Selin Aydın");
    assertThat(shown.findElements(By.tagName("b"))).isEmpty();
  }

  @Test
  void quickExitReplacesThePageAndLeavesNoTrace() {
    browser.get(exitUrl.replace("/weather", "/before"));
    openChat();
    assertThat(browser.findElement(By.id("exit")).isDisplayed()).isTrue();
    js("localStorage.setItem('left', 'behind')");
    assertThat(js("return sessionStorage.length")).isNotEqualTo(0L);

    browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);

    wait.until(d -> d.getCurrentUrl().equals(exitUrl));
    assertThat(browser.getTitle()).isEqualTo("Weather");
    browser.navigate().back();
    wait.until(d -> !d.getCurrentUrl().equals(exitUrl));
    assertThat(browser.getCurrentUrl()).doesNotContain("/chat");
    browser.get(base + "/health");
    assertThat(js("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
  }

  @Test
  void erasingRemovesTheConversationFromThePage() {
    openChat();
    write("I would like to learn how to register my address");
    wait.until(d -> !browser.findElements(By.cssSelector(".msg.person:not(.pending)")).isEmpty());

    int before = serviceMessages().size();
    browser.findElement(By.cssSelector("[data-command=erase]")).click();
    WebElement yes =
        wait.until(d -> serviceMessages().size() > before ? lastQuestionsFirstButton() : null);
    yes.click();

    // The erasure and its confirmation reach the page one after the other: for a moment it may
    // show nothing at all, so wait for the end state rather than the first change.
    wait.until(
        d ->
            d.findElements(By.cssSelector(".msg.person")).isEmpty()
                && serviceMessages().size() == 1);
    assertThat(serviceMessages().get(0).findElements(By.cssSelector(".buttons button"))).isEmpty();
  }

  @Test
  void messagesWrittenQuicklyLeaveOneAtATimeInTheOrderWritten() {
    openChat();
    // Each message's request is held back 300 ms on its way out; the page's own fetch counts how
    // many are on their way at once and in which order they leave.
    js(
        """
        window.inFlight = 0; window.most = 0; window.order = [];
        const real = window.fetch;
        window.fetch = async (url, options) => {
          if (!String(url).endsWith('/chat/api/messages') || options?.method !== 'POST') {
            return real(url, options);
          }
          window.inFlight++;
          window.most = Math.max(window.most, window.inFlight);
          try {
            await new Promise((resolve) => setTimeout(resolve, 300));
            window.order.push(JSON.parse(options.body).text);
            return await real(url, options);
          } finally {
            window.inFlight--;
          }
        };""");

    write("How do I register my address?");
    write("And where is the nearest office?");
    write("Thank you");

    wait.until(
        d ->
            d.findElements(By.cssSelector(".msg.person:not(.pending)")).size() == 3
                && d.findElements(By.cssSelector(".msg.person.pending")).isEmpty());
    assertThat(js("return window.most")).isEqualTo(1L);
    assertThat(js("return window.order"))
        .isEqualTo(
            List.of(
                "How do I register my address?", "And where is the nearest office?", "Thank you"));
  }

  // --- helpers ---

  void openChat() {
    browser.get(base + "/chat");
    wait.until(d -> serviceMessages().size() >= 3); // greeting, privacy notice, menu
  }

  void write(String text) {
    WebElement box = browser.findElement(By.id("text"));
    box.sendKeys(text);
    box.sendKeys(Keys.ENTER);
  }

  /** The newest message from the service whose text holds {@code text}, or null. */
  WebElement lastServiceMessageWith(String text) {
    List<WebElement> messages = serviceMessages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).getText().contains(text)) {
        return messages.get(i);
      }
    }
    return null;
  }

  List<WebElement> serviceMessages() {
    return browser.findElements(By.cssSelector(".msg.service"));
  }

  WebElement lastQuestionsFirstButton() {
    List<WebElement> messages = serviceMessages();
    List<WebElement> buttons =
        messages.get(messages.size() - 1).findElements(By.cssSelector(".buttons button"));
    return buttons.isEmpty() ? null : buttons.get(0);
  }

  void screenshot(String name) {
    try {
      byte[] png =
          ((org.openqa.selenium.TakesScreenshot) browser)
              .getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
      Files.write(Path.of("target", name), png);
    } catch (java.io.IOException | RuntimeException e) {
      // a missing picture fails nothing
    }
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** Signs in with a password, as the console's sign-in form does. */
  Operator signIn(String username) {
    HttpResponse<Buffer> signedIn =
        console
            .post("/api/session")
            .sendJsonObject(
                new JsonObject().put("username", username).put("password", TestStaff.PASSWORD))
            .await();
    assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);
    return new Operator(
        signedIn.cookies().get(0).split(";", 2)[0],
        signedIn.bodyAsJsonObject().getString("csrfToken"));
  }

  /** A signed-in operator calling the console's API as the console page does. */
  final class Operator {
    final String cookie;
    final String csrf;

    Operator(String cookie, String csrf) {
      this.cookie = cookie;
      this.csrf = csrf;
    }

    JsonObject ok(HttpMethod method, String path, JsonObject body) {
      HttpRequest<Buffer> request =
          console.request(method, path).putHeader("Cookie", cookie).putHeader("X-CSRF-Token", csrf);
      HttpResponse<Buffer> response =
          (body == null ? request.send() : request.sendJsonObject(body)).await();
      assertThat(response.statusCode())
          .as(method + " " + path + ": " + response.bodyAsString())
          .isBetween(200, 201);
      return response.bodyAsJsonObject();
    }

    /**
     * The escalation waiting in the queue (every language) whose web chat conversation holds the
     * person's {@code text}, or null: the operator opens each to see.
     */
    JsonObject waitingEscalationOf(String text) {
      for (Object item :
          ok(HttpMethod.GET, "/api/queue?languages=all", null).getJsonArray("items")) {
        JsonObject escalation = (JsonObject) item;
        JsonObject conversation =
            ok(
                HttpMethod.GET,
                "/api/conversations/" + escalation.getString("conversationId"),
                null);
        if ("webchat".equals(conversation.getString("channel"))
            && conversation.getJsonArray("messages").stream()
                .map(JsonObject.class::cast)
                .anyMatch(
                    m ->
                        "person".equals(m.getString("author"))
                            && text.equals(m.getString("text")))) {
          return escalation;
        }
      }
      return null;
    }
  }
}

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.selam.bot.channel.OutboundCodec;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.outbox.OutboxStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web chat in headless Chromium against the whole service (no Telegram): an Arabic question
 * answered right to left, a risky message escalated and an operator's reply arriving live, quick
 * exit, erase. The "neutral site" of quick exit is a page served on loopback by the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebChatBrowserTest {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  TestService service;
  Vertx neutralVertx;
  HttpServer neutral;
  WebDriver browser;
  WebDriverWait wait;
  String base;
  String exitUrl;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (!ci) {
      assumeTrue(
          Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
          "chromium and chromedriver are not installed");
    }
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
    service = TestService.start(dataDir, Map.of("SELAM_WEBCHAT_EXIT_URL", exitUrl));
    base = "http://127.0.0.1:" + service.port();
    ChromeOptions options = new ChromeOptions();
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=ar",
        "--window-size=400,800",
        "--user-data-dir=" + dataDir.resolve("chromium"));
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ar"));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    // Both paths given: Selenium Manager would otherwise look for drivers on the internet.
    options.setBinary(CHROMIUM.toString());
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
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
  void aRiskyMessageIsEscalatedAndTheOperatorsReplyAppearsLive() throws Exception {
    openChat();
    write(
        "My boss took my passport, he locks me inside the workshop at night and says he will"
            + " hurt my family if I run away");

    String[] conversation = wait.until(d -> openEscalation());
    assertThat(conversation).isNotNull();
    int before = serviceMessages().size();

    String reply = "I am Selin from the team. You are not alone <b>now</b>.";
    replyAsOperator(conversation[0], conversation[1], reply);

    wait.until(
        d ->
            serviceMessages().size() > before
                && serviceMessages().get(serviceMessages().size() - 1).getText().contains("Selin"));
    WebElement shown = serviceMessages().get(serviceMessages().size() - 1);
    assertThat(shown.getText()).contains("<b>now</b>");
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

    wait.until(d -> d.findElements(By.cssSelector(".msg.person")).isEmpty());
    assertThat(serviceMessages()).hasSize(1);
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

  /** The conversation and contact of an open web chat escalation, or null. */
  String[] openEscalation() {
    try (Connection c = service.database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT v.id, v.contact_id FROM escalation e JOIN conversation v"
                    + " ON v.id = e.conversation_id JOIN contact k ON k.id = v.contact_id"
                    + " WHERE k.channel = 'webchat' AND e.status <> 'closed'"
                    + " AND e.level = 'high'")) {
      return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the console writes for an operator's reply: the message and its outbox row, together. */
  void replyAsOperator(String conversationId, String contactId, String text) {
    dev.selam.core.crypto.Keys keys = service.keys();
    Clock clock = Clock.systemUTC();
    var pool = service.service.databasePool();
    ConversationStore conversations =
        new ConversationStore(pool, keys.cipher(), keys.pseudonymizer(), clock);
    OutboxStore outbox = new OutboxStore(pool, keys.cipher(), clock);
    OutboundMessage.Text message = OutboundMessage.Text.plain(text);
    OutboundCodec.Row row = OutboundCodec.encode(message).get(0);
    pool.withTransaction(
            tx ->
                conversations
                    .storeMessage(
                        tx, conversationId, "out", "operator", "text", message.html(), null)
                    .compose(
                        messageId ->
                            outbox.enqueue(
                                tx,
                                new OutboxStore.NewEntry(
                                    contactId,
                                    conversationId,
                                    messageId,
                                    "webchat",
                                    row.kind(),
                                    row.payload()))))
        .await();
  }
}

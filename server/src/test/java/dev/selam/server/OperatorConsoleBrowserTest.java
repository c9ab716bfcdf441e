package dev.selam.server;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.identity.RfcTotp;
import dev.selam.core.identity.Role;
import dev.selam.core.storage.Database;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium) against the whole service, with WireMock as
 * Telegram: an operator signs in with password and TOTP, a risky message sent through the webhook
 * appears in the queue without a reload, the operator claims it, reads the reasons, sees a person's
 * markup shown as text, replies, and the reply leaves as a Telegram sendMessage.
 */
class OperatorConsoleBrowserTest {
  static final long CHAT = 7301;
  static final String PASSWORD = "a long operator password";

  // One service for the class (its start costs more than the tests), a fresh browser per test.
  @TempDir static Path dataDir;
  @TempDir Path browserProfile;
  static WebhookService bot;
  static Database database;
  WebDriver browser;

  @BeforeAll
  static void startService() {
    HeadlessChromium.assumeInstalled();
    bot = WebhookService.start(dataDir);
    database = Database.open(bot.vertx, bot.service.database.settings()).await();
  }

  @BeforeEach
  void startBrowser() {
    browser = HeadlessChromium.start(browserProfile);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @AfterAll
  static void stopService() {
    if (database != null) {
      database.close();
    }
    if (bot != null) {
      bot.close();
    }
  }

  /** A staff member working in English who chose a password and enrolled TOTP; their secret. */
  static String staffReady(String username, String displayName, Role role, String uiLanguage) {
    return new EnrolledStaff(bot.vertx, database.pool(), bot.service.cipher())
        .ready(username, displayName, role, uiLanguage, PASSWORD);
  }

  @Test
  void operatorTakesARiskyConversationLiveAndRepliesThroughTelegram() throws Exception {
    String totpSecret = staffReady("nadia", "Nadia", Role.OPERATOR, "en");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // localhost: a secure context, so the browser keeps the Secure __Host- session cookie
    browser.get("http://localhost:" + bot.port() + "/");
    signIn(wait, "nadia", totpSecret);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue-rows")));
    wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
    assertThat(browser.findElements(By.cssSelector("#queue-rows tr[data-escalation]"))).isEmpty();

    webhook(message(1, 21, "The farm owner kept my passport since March and I have no money"));

    // The queue and the conversation re-render on every live event: find elements afresh.
    By reasons = By.cssSelector("#queue-rows tr[data-escalation] .reasons");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(reasons, "documents-taken"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(reasons, "passport"));
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(By.cssSelector("#queue-rows tr[data-escalation] button.claim")).click();
              return true;
            });

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reply-text")));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("reasons"), "documents-taken"));
    String markup = "<script>window.pwned=1</script> <img src=x onerror=\"window.pwned=2\">";
    webhook(message(2, 22, markup));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), markup));
    assertThat(browser.findElements(By.cssSelector("#messages img, #messages script"))).isEmpty();
    assertThat(
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.pwned"))
        .isNull();

    String reply = "We are here with you. Are you safe to talk now?";
    // A live event may re-render the conversation between typing and sending: start over then.
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              WebElement box = d.findElement(By.id("reply-text"));
              box.clear();
              box.sendKeys(reply);
              d.findElement(By.id("send-reply")).click();
              return true;
            });

    long deadline = System.nanoTime() + 20_000_000_000L;
    while (bot
        .telegram
        .server
        .findAll(postRequestedFor(urlMatching("/bot.*/(?i)sendMessage")))
        .stream()
        .noneMatch(r -> r.getBodyAsString().contains(reply))) {
      assertThat(System.nanoTime()).as("the reply reaches Telegram").isLessThan(deadline);
      Thread.sleep(50);
    }
    String sent =
        bot
            .telegram
            .server
            .findAll(postRequestedFor(urlMatching("/bot.*/(?i)sendMessage")))
            .stream()
            .map(r -> new JsonObject(r.getBodyAsString()))
            .filter(body -> body.getString("text").contains(reply))
            .findFirst()
            .orElseThrow()
            .encode();
    assertThat(sent).contains(String.valueOf(CHAT)).contains("Nadia");
    // and the console shows it delivered, live
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#messages .from-operator .delivery-sent")));
  }

  @Test
  void supervisorSeesTheDashboardInArabicRightToLeftWithChartsAndTheExport() {
    String secret = staffReady("sevgi", "Sevgi", Role.SUPERVISOR, "ar");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get("http://localhost:" + bot.port() + "/");
    signIn(wait, "sevgi", secret);

    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[href='#/dashboard']")))
        .click();

    wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#dashboard-cards .card"), 4));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertThat(js.executeScript("return document.documentElement.dir")).isEqualTo("rtl");
    assertThat(browser.findElement(By.cssSelector("nav a[href='#/dashboard']")).getText())
        .isEqualTo("لوحة المؤشرات");
    // Chart.js came from the jar's WebJar under the page's CSP and drew the charts
    wait.until(
        d ->
            Boolean.TRUE.equals(
                js.executeScript(
                    "return !!window.Chart && !!window.Chart.getChart(document.getElementById('chart-days'))")));
    assertThat(browser.findElement(By.id("export-csv")).getAttribute("href"))
        .endsWith("/api/dashboard/export.csv?days=30");
    // a shorter period: the figures are fetched again for it, and the export follows
    assertThat(browser.findElement(By.cssSelector("label[for='dashboard-days']")).getText())
        .isEqualTo("الفترة (بالأيام)");
    new Select(browser.findElement(By.id("dashboard-days"))).selectByValue("7");
    wait.until(
        ExpectedConditions.attributeContains(
            By.id("export-csv"), "href", "/api/dashboard/export.csv?days=7"));
    wait.until(
        d ->
            ((Number)
                        js.executeScript(
                            "return window.Chart.getChart(document.getElementById('chart-days'))"
                                + ".data.labels.length"))
                    .intValue()
                == 7);
  }

  void signIn(WebDriverWait wait, String username, String secret) {
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    form.findElement(By.name("username")).sendKeys(username);
    form.findElement(By.name("password")).sendKeys(PASSWORD);
    form.findElement(By.name("totp")).sendKeys(RfcTotp.code(secret, Instant.now()));
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  static void webhook(JsonObject update) {
    bot.webhook(update);
  }

  static JsonObject message(long updateId, int messageId, String text) {
    return TelegramUpdates.message(updateId, CHAT, messageId, text);
  }
}

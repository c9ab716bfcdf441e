package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.identity.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The editor screen in headless Chromium, against the whole service: an editor asks what the bot
 * would answer, changes that article, archives and publishes it, and the bot's answer shows the
 * change without a restart; markup typed into the article stays text. The page is a test-only shell
 * ({@code editor-test.html}) that signs in and mounts {@code editor.js} as the console does.
 */
class EditorBrowserTest {
  static final String QUESTION = "which number do I ring for an ambulance";

  @TempDir static Path dataDir;
  @TempDir static Path profile;
  static TestService service;
  static TestStaff accounts;
  static WebDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() {
    HeadlessChromium.assumeInstalled();
    service = TestService.start(dataDir, Map.of("SELAM_TOTP_REQUIRED", "false"));
    accounts = new TestStaff(service);
    accounts.create("edna", Role.EDITOR);
    browser = HeadlessChromium.start(profile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (accounts != null) {
      accounts.close();
    }
    if (service != null) {
      service.close();
    }
  }

  static WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  static void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  static WebElement ask(String question) {
    click("[data-tab=preview]");
    WebElement field = visible(".kb-ask textarea[name=question]");
    field.clear();
    field.sendKeys(question);
    WebElement previous =
        browser.findElements(By.cssSelector(".kb-outcome")).stream().findFirst().orElse(null);
    click(".kb-ask button[type=submit]");
    if (previous != null) {
      wait.until(ExpectedConditions.stalenessOf(previous));
    }
    return visible(".kb-answer");
  }

  @Test
  void editorChangesAnArticleAndTheBotsAnswerChangesWithoutRestart() {
    browser.get("http://127.0.0.1:" + service.port() + "/editor-test.html?lang=en");
    visible("#sign-in input[name=username]").sendKeys("edna");
    browser
        .findElement(By.cssSelector("#sign-in input[name=password]"))
        .sendKeys(TestStaff.PASSWORD);
    browser.findElement(By.cssSelector("#sign-in button")).click();
    visible(".kb-list tbody tr");

    // Given the bot answers the question from one article
    WebElement before = ask(QUESTION);
    assertThat(before.findElement(By.cssSelector(".kb-outcome")).getAttribute("class"))
        .contains("kb-outcome-answer");
    String topic = before.findElement(By.cssSelector("tbody tr td")).getText();
    assertThat(before.getText()).doesNotContain("turquoise card");

    // When the editor adds to that article, archives it, and publishes it again
    click("[data-tab=articles]");
    click("tr[data-article='" + topic + "/en'] button");
    WebElement body = visible(".kb-edit textarea[name=body]");
    assertThat(body.getAttribute("dir")).isEqualTo("auto");
    body.sendKeys(
        "\n\nShow the **turquoise card** at the desk. <script>window.leaked = 1</script>"
            + " <img src=x onerror=\"window.leaked = 2\">");
    click("[data-action=archive]");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".kb-article h3"), "Archived"));
    click("[data-action=publish]");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".kb-article h3"), "Published"));

    // Then the bot's answer has the new text, and the markup stayed text
    WebElement after = ask(QUESTION);
    assertThat(after.findElements(By.cssSelector(".kb-rendered strong")))
        .extracting(WebElement::getText)
        .contains("turquoise card");
    assertThat(after.findElement(By.cssSelector(".kb-rendered")).getText())
        .contains("<script>window.leaked = 1</script>");
    assertThat(after.findElements(By.cssSelector(".kb-rendered img, .kb-rendered script")))
        .isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.leaked === undefined"))
        .isEqualTo(true);

    // And the history shows the change as a diff
    click("[data-tab=articles]");
    click("[data-action=history]");
    click(".kb-history tbody tr:last-child [data-action=diff]");
    assertThat(visible(".kb-diff").findElements(By.cssSelector(".kb-diff-added")))
        .anySatisfy(line -> assertThat(line.getText()).contains("turquoise card"));

    // And in Arabic the screen reads right to left, in Arabic
    browser.get("http://127.0.0.1:" + service.port() + "/editor-test.html?lang=ar");
    visible("#sign-in input[name=username]").sendKeys("edna");
    browser
        .findElement(By.cssSelector("#sign-in input[name=password]"))
        .sendKeys(TestStaff.PASSWORD);
    browser.findElement(By.cssSelector("#sign-in button")).click();
    visible(".kb-list tbody tr");
    assertThat(browser.findElement(By.id("editor")).getAttribute("dir")).isEqualTo("rtl");
    assertThat(browser.findElement(By.cssSelector("[data-tab=articles]")).getText())
        .isEqualTo("المقالات");
  }
}

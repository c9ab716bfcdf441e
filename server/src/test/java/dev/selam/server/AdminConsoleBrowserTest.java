package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.identity.RfcTotp;
import dev.selam.core.identity.Role;
import dev.selam.core.storage.Database;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admins' and supervisors' screens in headless Chromium against the whole service. The first
 * start's admin (signed in with password and TOTP) creates an operator with languages, changes
 * them, disables it, changes the opening hours (a wrong value is refused naming the field; the
 * saved one is there after a reload), verifies the audit chain and finds the staff changes in the
 * audit log, also narrowed to their target; a supervisor working in Arabic (right to left) writes
 * and changes a canned reply.
 */
class AdminConsoleBrowserTest {
  static final String PASSWORD = "a long supervisor password";

  // One service for the class (its start costs more than the tests), a fresh browser per test.
  @TempDir static Path dataDir;
  @TempDir Path browserProfile;
  static TestService service;
  static Vertx vertx;
  static WebClient client;
  static Database database;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeAll
  static void startService() {
    HeadlessChromium.assumeInstalled();
    service = TestService.start(dataDir, Map.of("SELAM_HOTLINE_HOURS", "Mon-Fri 09:00-18:00"));
    client = service.client();
    vertx = service.clientVertx();
    database = Database.open(vertx, service.database.settings()).await();
  }

  @BeforeEach
  void startBrowser() {
    browser = HeadlessChromium.start(browserProfile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      database.close();
      service.close();
    }
  }

  @Test
  void adminManagesStaffAndOpeningHoursAndChecksTheAuditLog() throws Exception {
    InitialAdmin admin = InitialAdmin.enrol(client, dataDir);
    // localhost: a secure context, so the browser keeps the Secure __Host- session cookie
    browser.get("http://localhost:" + service.port() + "/");
    // the enrolment used the current step; a code is accepted once, so sign in with the next
    signIn("admin", "correct horse battery", admin.totpSecret(), Instant.now().plusSeconds(30));

    // Staff: a new operator with two languages; the one-time password is shown once
    open("staff");
    WebElement form = visible("#staff-new");
    form.findElement(By.name("username")).sendKeys("olga");
    form.findElement(By.name("displayName")).sendKeys("Olga");
    form.findElement(By.cssSelector("input[name=role][value=operator]")).click();
    form.findElement(By.name("languages")).sendKeys("ar, fa");
    new Select(form.findElement(By.name("uiLanguage"))).selectByValue("tr");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    assertThat(visible("#one-time-password").getText()).hasSizeGreaterThanOrEqualTo(12);
    By olga = By.cssSelector("#staff-rows tr[data-username=olga]");
    WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(olga));
    assertThat(row.findElement(By.className("roles")).getText()).isEqualTo("Operator");
    assertThat(row.findElement(By.className("languages")).getText()).isEqualTo("ar, fa");
    assertThat(row.findElement(By.className("state")).getText())
        .isEqualTo("Still on its one-time password; No second factor yet");
    click("#one-time-done");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("one-time")));

    // ... given Turkish too and made a supervisor as well
    browser.findElement(olga).findElement(By.cssSelector("button.edit")).click();
    WebElement edit = visible("#staff-edit-form");
    WebElement languages = edit.findElement(By.name("languages"));
    assertThat(languages.getAttribute("value")).isEqualTo("ar, fa");
    languages.clear();
    languages.sendKeys("ar, fa, tr");
    edit.findElement(By.cssSelector("input[name=role][value=supervisor]")).click();
    edit.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#staff-rows tr[data-username=olga] .languages"), "ar, fa, tr"));
    assertThat(browser.findElement(olga).findElement(By.className("roles")).getText())
        .isEqualTo("Operator, Supervisor");

    // ... disabled, after a confirmation
    browser.findElement(olga).findElement(By.cssSelector("button.disable")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#staff-rows tr[data-username=olga] .state"), "Disabled"));
    assertThat(browser.findElement(olga).findElements(By.cssSelector("button.enable"))).hasSize(1);

    // Settings: a wrong value is refused naming the field, a right one is saved and in use
    open("settings");
    WebElement hours = visible("#settings-hours");
    assertThat(hours.getAttribute("value")).isEqualTo("Mon-Fri 09:00-18:00");
    assertThat(hours.isEnabled()).isFalse(); // the environment's value, until unticked
    click("input[name=hours-default]");
    hours.clear();
    hours.sendKeys("Mon-Fry 09:00-18:00");
    click("#settings-form button[type=submit]");
    WebElement refusal = visible("p.error[role=alert]");
    assertThat(refusal.getText()).startsWith("hours:").contains("Fry");
    assertThat(browser.findElement(By.id("settings-hours")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    hours = browser.findElement(By.id("settings-hours"));
    hours.clear();
    hours.sendKeys("Mon-Sat 08:00-20:00");
    click("#settings-form button[type=submit]");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("p.status[role=status]"), "Saved"));

    browser.navigate().refresh();
    hours = visible("#settings-hours");
    wait.until(ExpectedConditions.attributeToBe(hours, "value", "Mon-Sat 08:00-20:00"));
    assertThat(hours.isEnabled()).isTrue();
    assertThat(browser.findElement(By.name("hours-default")).isSelected()).isFalse();

    // Audit log: the chain is intact and holds the staff change and the settings change
    open("audit");
    click("#audit-verify");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("audit-result"), "The chain is intact"));
    List<String> events =
        visible("#audit-rows tr[data-seq]")
            .findElement(By.xpath(".."))
            .findElements(By.cssSelector("tr[data-seq]"))
            .stream()
            .map(tr -> tr.findElement(By.className("action")).getText() + " " + target(tr))
            .toList();
    assertThat(events)
        .contains("staff.created olga", "staff.disabled olga", "settings.changed hotline");
    assertThat(events.indexOf("staff.disabled olga"))
        .isLessThan(events.indexOf("staff.created olga")); // newest first
    WebElement created =
        browser.findElements(By.cssSelector("#audit-rows tr[data-seq]")).stream()
            .filter(tr -> tr.findElement(By.className("action")).getText().equals("staff.created"))
            .filter(tr -> target(tr).equals("olga"))
            .findFirst()
            .orElseThrow();
    assertThat(created.findElement(By.className("details")).getText())
        .contains("languages: [\"ar\",\"fa\"]");

    // narrowed to what was done to olga
    WebElement filter = visible("#audit-filter");
    filter.findElement(By.name("target")).sendKeys("olga");
    filter.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#audit-rows tr[data-seq]"), 3));
    assertThat(browser.findElements(By.cssSelector("#audit-rows tr[data-seq] .action")))
        .extracting(WebElement::getText)
        .containsExactly("staff.disabled", "staff.updated", "staff.created");
  }

  @Test
  void supervisorWritesAndChangesACannedReply() {
    String secret =
        new EnrolledStaff(vertx, database.pool(), service.cipher())
            .ready("sevim", null, Role.SUPERVISOR, "ar", PASSWORD);
    browser.get("http://localhost:" + service.port() + "/");
    signIn("sevim", PASSWORD, secret, Instant.now());

    open("canned");
    WebElement form = visible("#canned-form");
    WebElement language = form.findElement(By.name("language"));
    language.clear();
    language.sendKeys("en");
    form.findElement(By.name("title")).sendKeys("Safe to talk?");
    form.findElement(By.name("text")).sendKeys("Are you somewhere safe to talk now?");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    By title = By.cssSelector("#canned-list tr[data-canned] .canned-title");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(title, "Safe to talk?"));
    click("#canned-list tr[data-canned] button.edit");
    WebElement text = visible("#canned-form textarea[name=text]");
    assertThat(text.getAttribute("value")).isEqualTo("Are you somewhere safe to talk now?");
    assertThat(text.getAttribute("dir")).isEqualTo("auto");
    text.clear();
    text.sendKeys("<b>Are you safe</b> to talk now?");
    click("#canned-form button[type=submit]");

    // the change is stored: it is there after a reload, as text
    By shown = By.cssSelector("#canned-list tr[data-canned] .canned-text");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            shown, "<b>Are you safe</b> to talk now?"));
    browser.navigate().refresh();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            shown, "<b>Are you safe</b> to talk now?"));
    assertThat(browser.findElements(By.cssSelector("#canned-list b"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("#canned-list tr[data-canned]"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector("nav a[href='#/staff']"))).isEmpty();

    // in the supervisor's Arabic, right to left
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertThat(js.executeScript("return document.documentElement.dir")).isEqualTo("rtl");
    assertThat(browser.findElement(By.cssSelector("nav a[href='#/canned']")).getText())
        .isEqualTo("الردود الجاهزة");
  }

  void signIn(String username, String password, String secret, Instant at) {
    WebElement form = visible("#sign-in");
    form.findElement(By.name("username")).sendKeys(username);
    form.findElement(By.name("password")).sendKeys(password);
    form.findElement(By.name("totp")).sendKeys(RfcTotp.code(secret, at));
    form.findElement(By.cssSelector("button[type=submit]")).click();
    visible("#signed-in nav");
  }

  void open(String view) {
    click("nav a[href='#/" + view + "']");
  }

  WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  static String target(WebElement row) {
    return row.findElement(By.className("target")).getText();
  }
}

package dev.selam.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium, headless, driven by Debian's chromedriver: the browser of the UI tests. */
final class HeadlessChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /**
   * Skips the calling test when the browser is not installed, except in CI ({@code CI=true}), where
   * a missing browser must fail the build rather than pass it unseen.
   */
  static void assumeInstalled() {
    if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
      assumeTrue(
          Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
          "chromium and chromedriver are not installed");
    }
  }

  /** The options every browser test shares, with a profile of its own; a test adds to them. */
  static ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile);
    return options;
  }

  static WebDriver start(Path profile) {
    return start(options(profile));
  }

  static WebDriver start(ChromeOptions options) {
    // Both paths given: Selenium Manager would otherwise look for a driver on the internet.
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build(),
        options);
  }
}

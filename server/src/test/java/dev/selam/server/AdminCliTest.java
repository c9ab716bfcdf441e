package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.storage.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code selam admin create-user | reset-password | verify-audit} against a real database. */
class AdminCliTest {
  @TempDir Path dataDir;
  TestDatabase database;
  Map<String, String> env;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void setUp() {
    database = TestDatabase.create(dataDir);
    env = TestService.settingsFor(database, dataDir);
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  Properties passwordFile(String username) throws Exception {
    Path file = dataDir.resolve("one-time-password-" + username + ".txt");
    assertThat(out.toString()).contains(file.toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    assertThat(out.toString()).doesNotContain(properties.getProperty("password"));
    return properties;
  }

  @Test
  void createUserWritesAOneTimePasswordFileAndSaysWhere() throws Exception {
    int code =
        run(
            "admin",
            "create-user",
            "deniz",
            "--roles",
            "operator,supervisor",
            "--languages",
            "ar,fa",
            "--display-name",
            "Deniz Y.");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("deniz").contains("operator, supervisor");
    assertThat(passwordFile("deniz").getProperty("password")).matches("[a-z2-9-]{23}");
  }

  @Test
  void resetPasswordReplacesTheFile() throws Exception {
    run("admin", "create-user", "deniz", "--roles", "editor");
    String first = passwordFile("deniz").getProperty("password");

    assertThat(run("admin", "reset-password", "deniz")).as(err.toString()).isZero();
    assertThat(passwordFile("deniz").getProperty("password")).isNotEqualTo(first);
  }

  @Test
  void refusedChangesExitWith1AndSayWhy() {
    assertThat(run("admin", "create-user", "deniz", "--roles", "superuser")).isEqualTo(1);
    assertThat(err.toString()).contains("superuser");
    run("admin", "create-user", "deniz", "--roles", "editor");
    assertThat(run("admin", "create-user", "deniz", "--roles", "editor")).isEqualTo(1);
    assertThat(err.toString()).contains("taken");
    assertThat(run("admin", "reset-password", "nobody")).isEqualTo(1);
    assertThat(err.toString()).contains("nobody");
  }

  @Test
  void missingRolesIsAUsageError() {
    assertThat(run("admin", "create-user", "deniz")).isEqualTo(2);
    assertThat(err.toString()).contains("--roles");
  }

  @Test
  void verifyAuditExits0WhenIntactAnd1WithTheFirstBrokenEvent() throws Exception {
    run("admin", "create-user", "deniz", "--roles", "editor");
    run("admin", "create-user", "selin", "--roles", "operator");
    run("admin", "reset-password", "deniz");

    assertThat(run("admin", "verify-audit")).isZero();
    assertThat(out.toString()).contains("intact").contains("3 events");

    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_event SET target = 'mallory' WHERE seq = 2");
    }
    assertThat(run("admin", "verify-audit")).isEqualTo(1);
    assertThat(out.toString()).contains("BROKEN at event 2");
  }
}

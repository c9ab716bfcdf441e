package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dataDir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(Map<String, String> env, String... args) {
    return Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void unknownCommandPrintsUsageAndExits2() {
    assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: selam").contains("serve");
  }

  @Test
  void unknownOptionPrintsUsageAndExits2() {
    assertThat(run(Map.of(), "serve", "--colour")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option").contains("Usage:");
  }

  @Test
  void commandGroupWithoutSubCommandExits2() {
    assertThat(run(Map.of(), "admin")).isEqualTo(2);
    assertThat(err.toString())
        .contains("generate-keys")
        .contains("create-user")
        .contains("reset-password")
        .contains("verify-audit");
  }

  @Test
  void wrongSettingStopsStartUpNamingTheSetting() {
    int code =
        run(Map.of("SELAM_HTTP_PORT", "eighty", "SELAM_DATA_DIR", dataDir.toString()), "serve");
    assertThat(code).isEqualTo(Main.CONFIG_ERROR);
    assertThat(err.toString()).contains("SELAM_HTTP_PORT").contains("eighty");
  }

  @Test
  void wrongLogFormatStopsStartUpNamingTheSetting() {
    int code =
        run(Map.of("SELAM_LOG_FORMAT", "xml", "SELAM_DATA_DIR", dataDir.toString()), "serve");
    assertThat(code).isEqualTo(Main.CONFIG_ERROR);
    assertThat(err.toString()).contains("SELAM_LOG_FORMAT").contains("xml");
  }

  @Test
  void postgresWithoutKeysRefusesToStart() {
    int code =
        run(
            Map.of(
                "SELAM_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/none",
                "SELAM_DATA_DIR",
                dataDir.toString()),
            "serve");
    assertThat(code).isEqualTo(Main.CONFIG_ERROR);
    assertThat(err.toString()).contains("SELAM_DATA_KEYS");
  }

  @Test
  void generateKeysPrintsUsableSettings() {
    assertThat(run(Map.of(), "admin", "generate-keys", "--key-id", "2026a")).isZero();
    assertThat(out.toString()).contains("SELAM_DATA_KEYS=2026a:").contains("SELAM_PSEUDONYM_KEY=");
  }
}

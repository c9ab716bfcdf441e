package dev.selam.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.storage.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void wrongNumberIsRefusedWithTheSettingsName() {
    Settings settings = Settings.of(Map.of("SELAM_HTTP_PORT", "eighty"));

    assertThatThrownBy(() -> settings.integer("SELAM_HTTP_PORT", 8080, 1, 65535))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SELAM_HTTP_PORT:")
        .hasMessageContaining("eighty");
  }

  @Test
  void outOfRangeNumberIsRefused() {
    assertThatThrownBy(
            () -> Settings.of(Map.of("SELAM_X", "70000")).integer("SELAM_X", 1, 1, 65535))
        .hasMessageStartingWith("SELAM_X:");
  }

  @Test
  void defaultsApplyWhenUnset() {
    Settings settings = Settings.of(Map.of("PATH", "/bin"));
    assertThat(settings.integer("SELAM_HTTP_PORT", 8080, 1, 65535)).isEqualTo(8080);
    assertThat(settings.duration("SELAM_RETENTION", Duration.ofDays(90))).hasDays(90);
    assertThat(settings.bool("SELAM_FLAG", true)).isTrue();
  }

  @Test
  void durationsAndBooleansParseInTheirUsualForms() {
    Settings settings =
        Settings.of(Map.of("SELAM_A", "30d", "SELAM_B", "PT15M", "SELAM_C", "no", "SELAM_D", "x"));
    assertThat(settings.duration("SELAM_A", Duration.ZERO)).isEqualTo(Duration.ofDays(30));
    assertThat(settings.duration("SELAM_B", Duration.ZERO)).isEqualTo(Duration.ofMinutes(15));
    assertThat(settings.bool("SELAM_C", true)).isFalse();
    assertThatThrownBy(() -> settings.bool("SELAM_D", true)).hasMessageStartingWith("SELAM_D:");
    assertThatThrownBy(() -> settings.duration("SELAM_D", Duration.ZERO))
        .hasMessageStartingWith("SELAM_D:");
  }

  @Test
  void environmentOverridesTheConfigFile() throws Exception {
    Path file = dir.resolve("selam.properties");
    Files.writeString(file, "SELAM_HTTP_PORT=9000\nSELAM_DATA_DIR=/srv/selam\n");

    Settings settings = Settings.load(Map.of("SELAM_HTTP_PORT", "9100"), Optional.of(file));

    assertThat(settings.integer("SELAM_HTTP_PORT", 8080, 1, 65535)).isEqualTo(9100);
    assertThat(settings.string("SELAM_DATA_DIR", "./data")).isEqualTo("/srv/selam");
  }

  @Test
  void unknownKeyInConfigFileIsRefused() throws Exception {
    Path file = dir.resolve("selam.properties");
    Files.writeString(file, "HTTP_PORT=9000\n");

    assertThatThrownBy(() -> Settings.load(Map.of(), Optional.of(file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("HTTP_PORT:");
  }

  @Test
  void unreadSettingsAreReportedAsLikelyTypos() {
    Settings settings = Settings.of(Map.of("SELAM_HTTP_PORT", "1", "SELAM_HTTP_PROT", "2"));
    settings.integer("SELAM_HTTP_PORT", 8080, 1, 65535);
    assertThat(settings.unread()).containsExactly("SELAM_HTTP_PROT");
  }

  @Test
  void databaseDefaultsToEmbeddedH2AndRefusesOtherUrls() {
    DataDirectory data = DataDirectory.from(Settings.of(Map.of("SELAM_DATA_DIR", dir.toString())));
    assertThat(DatabaseSettings.from(Settings.of(Map.of()), data).kind())
        .isEqualTo(DatabaseSettings.Kind.H2);
    assertThat(
            DatabaseSettings.from(
                    Settings.of(Map.of("SELAM_DB_URL", "jdbc:postgresql://db:5432/selam")), data)
                .kind())
        .isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
    assertThatThrownBy(
            () -> DatabaseSettings.from(Settings.of(Map.of("SELAM_DB_URL", "mysql://x")), data))
        .hasMessageStartingWith("SELAM_DB_URL:");
  }

  @Test
  void newDataDirectoryIsPrivateToTheServiceUser() throws Exception {
    Path data = dir.resolve("fresh");
    DataDirectory.from(Settings.of(Map.of("SELAM_DATA_DIR", data.toString())));
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
  }
}

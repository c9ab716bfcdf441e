package dev.selam.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {
  @TempDir Path dir;

  @Test
  void embeddedDefaultGeneratesAPrivateKeyFileAndReusesIt() throws Exception {
    Settings none = Settings.of(Map.of());
    Keys first = Keys.from(none, new DataDirectory(dir), true);
    Path file = dir.resolve(Keys.KEY_FILE);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Keys second = Keys.from(none, new DataDirectory(dir), true);
    String stored = first.cipher().encrypt("secret", "p");
    assertThat(second.cipher().decrypt(stored, "p")).isEqualTo("secret");
    assertThat(second.pseudonymizer().pseudonym("c", "1"))
        .isEqualTo(first.pseudonymizer().pseudonym("c", "1"));
  }

  @Test
  void productionRefusesToStartWithoutKeys() {
    assertThatThrownBy(() -> Keys.from(Settings.of(Map.of()), new DataDirectory(dir), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(Keys.DATA_KEYS);
    assertThat(dir.resolve(Keys.KEY_FILE)).doesNotExist();
  }

  @Test
  void configuredKeysAreUsedAndBadOnesNamed() {
    String env = Keys.newEnvironmentLines("k7");
    Map<String, String> values =
        Map.of(
            Keys.DATA_KEYS, env.lines().toList().get(0).split("=", 2)[1],
            Keys.PSEUDONYM_KEY, env.lines().toList().get(1).split("=", 2)[1]);
    Keys keys = Keys.from(Settings.of(values), new DataDirectory(dir), false);
    assertThat(keys.dataKeys().active().id()).isEqualTo("k7");

    assertThatThrownBy(
            () ->
                Keys.from(
                    Settings.of(Map.of(Keys.DATA_KEYS, "k1:not-base64!", Keys.PSEUDONYM_KEY, "x")),
                    new DataDirectory(dir),
                    false))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(Keys.DATA_KEYS);
  }
}

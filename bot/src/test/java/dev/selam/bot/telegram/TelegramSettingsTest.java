package dev.selam.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramSettingsTest {
  static Optional<TelegramSettings> from(Map<String, String> env) {
    return TelegramSettings.from(Settings.of(env));
  }

  @Test
  void withoutATokenTelegramIsOff() {
    assertThat(from(Map.of())).isEmpty();
  }

  @Test
  void pollingAndTelegramsOwnApiByDefault() {
    TelegramSettings settings = from(Map.of(TelegramSettings.TOKEN, "42:abc")).orElseThrow();
    assertThat(settings.mode()).isEqualTo(TelegramSettings.Mode.POLLING);
    assertThat(settings.apiUrl().toString()).isEqualTo("https://api.telegram.org");
    assertThat(settings.apiPort()).isEqualTo(443);
  }

  @Test
  void webhookModeWithoutASecretNamesTheSetting() {
    assertThatThrownBy(
            () -> from(Map.of(TelegramSettings.TOKEN, "42:abc", TelegramSettings.MODE, "webhook")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(TelegramSettings.WEBHOOK_SECRET);
  }

  @Test
  void wrongValuesNameTheirSetting() {
    assertThatThrownBy(
            () -> from(Map.of(TelegramSettings.TOKEN, "42:abc", TelegramSettings.MODE, "push")))
        .hasMessageContaining(TelegramSettings.MODE);
    assertThatThrownBy(
            () ->
                from(
                    Map.of(
                        TelegramSettings.TOKEN,
                        "42:abc",
                        TelegramSettings.API_URL,
                        "http://127.0.0.1:8081/bot")))
        .hasMessageContaining(TelegramSettings.API_URL);
    assertThatThrownBy(() -> from(Map.of(TelegramSettings.TOKEN, "not a token")))
        .hasMessageContaining(TelegramSettings.TOKEN)
        .hasMessageNotContaining("not a token");
    assertThatThrownBy(
            () ->
                from(
                    Map.of(
                        TelegramSettings.TOKEN, "42:abc",
                        TelegramSettings.MODE, "webhook",
                        TelegramSettings.WEBHOOK_SECRET, "has spaces")))
        .hasMessageContaining(TelegramSettings.WEBHOOK_SECRET);
  }

  @Test
  void aSelfHostedApiIsUsedWithItsPort() {
    TelegramSettings settings =
        from(Map.of(
                TelegramSettings.TOKEN, "42:abc", TelegramSettings.API_URL, "http://bot-api:8081"))
            .orElseThrow();
    assertThat(settings.apiUrl().getHost()).isEqualTo("bot-api");
    assertThat(settings.apiPort()).isEqualTo(8081);
  }

  @Test
  void theTokenNeverAppearsInToString() {
    TelegramSettings settings = from(Map.of(TelegramSettings.TOKEN, "42:abcSECRET")).orElseThrow();
    assertThat(settings.toString()).doesNotContain("abcSECRET");
  }
}

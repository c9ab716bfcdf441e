package dev.selam.bot.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void aKeyOverItsLimitWaitsUntilTheWindowEndsAndOtherKeysDoNot() {
    Instant start = Instant.parse("2026-01-01T10:00:00Z");
    Instant[] now = {start};
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    RateLimit limit = new RateLimit(2, Duration.ofMinutes(1), clock);

    assertThat(limit.take("a")).isEmpty();
    now[0] = start.plusSeconds(20);
    assertThat(limit.take("a")).isEmpty();
    assertThat(limit.take("a")).contains(Duration.ofSeconds(40));
    assertThat(limit.take("b")).isEmpty();
    now[0] = start.plusSeconds(60);
    assertThat(limit.take("a")).isEmpty();
  }
}

package dev.selam.bot.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {
  final DispatchPolicy policy =
      DispatchPolicy.telegram().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void backoffDoublesWithEachAttemptUpToTheCap() {
    assertThat(policy.backoff(1, 0.99999999)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoff(2, 0.99999999)).isEqualTo(Duration.ofMillis(2000));
    assertThat(policy.backoff(5, 0.99999999)).isEqualTo(Duration.ofMillis(16000));
    assertThat(policy.backoff(30, 0.99999999)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void jitterSpreadsRetriesOverTheUpperHalf() {
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(3));
  }
}

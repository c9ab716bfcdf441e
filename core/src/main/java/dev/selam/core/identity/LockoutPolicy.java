package dev.selam.core.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential back-off after repeated failed sign-ins: from the {@code threshold}-th failure in a
 * row the account is locked for {@code base}, then twice as long after each further failure, up to
 * {@code max}. A successful sign-in (or an admin's reset) starts over.
 */
public record LockoutPolicy(int threshold, Duration base, Duration max) {

  public Optional<Instant> lockedUntil(int consecutiveFailures, Instant now) {
    if (consecutiveFailures < threshold) {
      return Optional.empty();
    }
    int doublings = Math.min(consecutiveFailures - threshold, 30);
    Duration lock = base.multipliedBy(1L << doublings);
    return Optional.of(now.plus(lock.compareTo(max) > 0 ? max : lock));
  }
}

package dev.selam.bot.dispatch;

import java.time.Duration;

/**
 * Limits and timings of the dispatcher. Defaults follow Telegram's published limits: about one
 * message a second per chat, 30 a second per bot.
 *
 * @param perSecond most sends started in any one-second window, for the whole bot
 * @param perChatInterval least time between two sends to one chat
 * @param pollInterval how often the outbox is looked at when nothing wakes the dispatcher
 * @param batch most rows looked at per round
 * @param sendTimeout how long one call may take before it counts as a timeout
 * @param backoffBase the first retry's delay after a transient failure; doubled each time
 * @param backoffCap the longest delay between retries
 * @param maxAttempts after this many transient failures a row fails for good
 */
public record DispatchPolicy(
    int perSecond,
    Duration perChatInterval,
    Duration pollInterval,
    int batch,
    Duration sendTimeout,
    Duration backoffBase,
    Duration backoffCap,
    int maxAttempts) {

  public static DispatchPolicy telegram() {
    return new DispatchPolicy(
        30,
        Duration.ofSeconds(1),
        Duration.ofMillis(200),
        150,
        Duration.ofSeconds(20),
        Duration.ofSeconds(1),
        Duration.ofMinutes(10),
        25);
  }

  public DispatchPolicy withSendTimeout(Duration timeout) {
    return new DispatchPolicy(
        perSecond,
        perChatInterval,
        pollInterval,
        batch,
        timeout,
        backoffBase,
        backoffCap,
        maxAttempts);
  }

  public DispatchPolicy withBackoff(Duration base, Duration cap) {
    return new DispatchPolicy(
        perSecond, perChatInterval, pollInterval, batch, sendTimeout, base, cap, maxAttempts);
  }

  public DispatchPolicy withMaxAttempts(int attempts) {
    return new DispatchPolicy(
        perSecond,
        perChatInterval,
        pollInterval,
        batch,
        sendTimeout,
        backoffBase,
        backoffCap,
        attempts);
  }

  /**
   * The delay before retry number {@code attempt} (1 for the first): exponential, capped, with
   * jitter so chats that failed together do not retry together. {@code random} is in [0, 1).
   */
  public Duration backoff(int attempt, double random) {
    double exponential = backoffBase.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
    double capped = Math.min(exponential, backoffCap.toMillis());
    return Duration.ofMillis(Math.round(capped * (0.5 + random * 0.5)));
  }
}

package dev.selam.bot.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The bot-wide limit as a sliding window: at most {@code limit} sends started in any {@code span}.
 * A sliding log, not a token bucket, so no burst ever exceeds the limit at a window's edge.
 */
final class SendWindow {
  private final int limit;
  private final Duration span;
  private final Deque<Instant> starts = new ArrayDeque<>();

  SendWindow(int limit, Duration span) {
    this.limit = limit;
    this.span = span;
  }

  /** Takes a slot at {@code now} if one is free. */
  boolean tryAcquire(Instant now) {
    Instant horizon = now.minus(span);
    while (!starts.isEmpty() && !starts.peekFirst().isAfter(horizon)) {
      starts.removeFirst();
    }
    if (starts.size() >= limit) {
      return false;
    }
    starts.addLast(now);
    return true;
  }
}

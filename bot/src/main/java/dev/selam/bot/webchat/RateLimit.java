package dev.selam.bot.webchat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * At most {@code limit} actions per key in each window (a fixed window per key, counted in memory
 * on this replica). Keys are chat keys or network addresses; idle ones are forgotten.
 */
final class RateLimit {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Cache<String, Window> windows;

  private static final class Window {
    Instant start;
    int count;

    Window(Instant start) {
      this.start = start;
    }
  }

  RateLimit(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.windows =
        Caffeine.newBuilder()
            .expireAfterAccess(window.multipliedBy(2))
            .maximumSize(200_000)
            .build();
  }

  /** Counts one action; when over the limit, how long until the key may act again. */
  Optional<Duration> take(String key) {
    Instant now = clock.instant();
    Window w = windows.get(key, k -> new Window(now));
    synchronized (w) {
      if (!now.isBefore(w.start.plus(window))) {
        w.start = now;
        w.count = 0;
      }
      if (w.count >= limit) {
        return Optional.of(Duration.between(now, w.start.plus(window)));
      }
      w.count++;
      return Optional.empty();
    }
  }
}

package dev.selam.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When each part of start-up was done, in milliseconds since the start: parts run side by side, so
 * a time since the previous part would say little. Logged with the service's start.
 */
final class StartupTimes {
  private final long started = System.nanoTime();
  private final Map<String, Long> done = new LinkedHashMap<>();

  synchronized void done(String part) {
    done.put(part, sinceStart());
  }

  long sinceStart() {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** {@code part=millis} pairs in the order the parts finished. */
  synchronized String summary() {
    StringBuilder summary = new StringBuilder();
    done.forEach(
        (part, millis) ->
            summary.append(summary.isEmpty() ? "" : " ").append(part).append('=').append(millis));
    return summary.toString();
  }
}

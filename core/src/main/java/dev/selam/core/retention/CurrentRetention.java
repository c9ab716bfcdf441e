package dev.selam.core.retention;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * How long what people wrote is kept, as in force now: admins can change it while the service runs,
 * so the purge and the privacy notice ask each time.
 */
@FunctionalInterface
public interface CurrentRetention {
  Future<Duration> retention();

  static CurrentRetention fixed(Duration retention) {
    return () -> Future.succeededFuture(retention);
  }
}

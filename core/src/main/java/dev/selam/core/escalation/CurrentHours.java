package dev.selam.core.escalation;

import io.vertx.core.Future;

/**
 * The opening hours in force now. Admins can change them while the service runs, so whoever needs
 * them asks each time rather than keeping the ones read at start.
 */
@FunctionalInterface
public interface CurrentHours {
  Future<HotlineHours> hours();
}

package dev.selam.bot.dispatch;

import java.time.Duration;

/** How one attempt to send an outbox row ended, as the channel reports it. */
public sealed interface Delivery {
  /** Sent; {@code channelMessageId} is the message it created, or null (a deletion, an answer). */
  record Delivered(Long channelMessageId) implements Delivery {}

  /** The channel asks to wait (a rate limit): try again after {@code delay}. */
  record RetryAfter(Duration delay, String reason) implements Delivery {}

  /** Might work later: a server error, a timeout, a lost connection. */
  record Transient(String reason) implements Delivery {}

  /** Refused for good, e.g. malformed: never retried. */
  record Rejected(String reason) implements Delivery {}

  /** The person cannot be reached (they blocked the bot): stop sending to them. */
  record Unreachable(String reason) implements Delivery {}
}

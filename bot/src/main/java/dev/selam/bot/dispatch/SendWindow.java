package dev.selam.bot.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The bot-wide limit: at most {@code limit} sends in any {@code span}, as Telegram counts them.
 *
 * <p>Telegram sees a call when it arrives, somewhere between our start and our answer; network or
 * warm-up delays can bunch calls started a second apart. So a slot is held from a send's start
 * until {@code span} after its answer: any {@code span} of arrivals then holds at most {@code
 * limit}, whatever the delays, at the cost of one round trip per slot and span.
 */
final class SendWindow {
  /** A taken slot; {@link #release} when the answer came. */
  static final class Slot {
    private Instant answeredAt;

    void release(Instant answeredAt) {
      this.answeredAt = answeredAt;
    }
  }

  private final int limit;
  private final Duration span;
  private final Deque<Slot> slots = new ArrayDeque<>();

  SendWindow(int limit, Duration span) {
    this.limit = limit;
    this.span = span;
  }

  /** Takes a slot at {@code now} if one is free; null when the window is full. */
  Slot tryAcquire(Instant now) {
    if (!hasFree(now)) {
      return null;
    }
    Slot slot = new Slot();
    slots.addLast(slot);
    return slot;
  }

  /** Whether a send could start at {@code now}: if not, there is no point looking for rows. */
  boolean hasFree(Instant now) {
    Instant horizon = now.minus(span);
    for (Iterator<Slot> it = slots.iterator(); it.hasNext(); ) {
      Slot slot = it.next();
      if (slot.answeredAt != null && !slot.answeredAt.isAfter(horizon)) {
        it.remove();
      }
    }
    return slots.size() < limit;
  }
}

package dev.selam.bot.dialogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Notices a person sending many messages at once. Every message is still stored and assessed for
 * risk; only the knowledge-base answers pause, with one notice, because the channel sends about one
 * message a second per chat and a reply to each would arrive minutes late.
 */
final class FloodGuard {
  /** More than this many messages within {@link #WINDOW} is a flood. */
  static final int MAX_MESSAGES = 6;

  static final Duration WINDOW = Duration.ofSeconds(10);

  private final Cache<String, Chat> chats =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(100_000).build();

  /** What to do with the answer to a person's message. */
  enum Verdict {
    ANSWER,
    /** The first message over the limit: answer with the slow-down notice instead. */
    NOTICE,
    /** Still flooding after the notice: store, assess, but do not answer. */
    QUIET
  }

  /**
   * Counts a message from {@code chat} (any stable key for it; kept only in memory), sent at {@code
   * sentAt}: the person's own pace, so a backlog handled quickly after a restart is no flood.
   */
  Verdict count(String chat, Instant sentAt) {
    Instant now = sentAt;
    Chat state = chats.get(chat, key -> new Chat());
    synchronized (state) {
      state.times.addLast(now);
      while (!state.times.isEmpty() && state.times.peekFirst().isBefore(now.minus(WINDOW))) {
        state.times.removeFirst();
      }
      if (state.times.size() <= MAX_MESSAGES) {
        state.noticeSent = false;
        return Verdict.ANSWER;
      }
      if (state.noticeSent) {
        return Verdict.QUIET;
      }
      state.noticeSent = true;
      return Verdict.NOTICE;
    }
  }

  private static final class Chat {
    final Deque<Instant> times = new ArrayDeque<>();
    boolean noticeSent;
  }
}

package dev.selam.bot.risk;

import java.util.List;

/**
 * One {@code match =} line of an indicator: slots of alternative words or phrases, each slot right
 * after the previous one or, after {@code ~N}, within N words of it on either side and in the same
 * sentence. A match counts only if none of its words is negated: by a negation word shortly before
 * it in the same clause (one the pattern does not spell itself), by a negation word after it
 * (Turkish "değil"), or by its own form (a Persian negative prefix, a Turkish negative suffix).
 */
final class IndicatorPattern {
  /** A slot's alternatives; each alternative is a phrase of word positions of term ids. */
  record Slot(int[][][] alternatives) {}

  /**
   * From this distance on, proximity is about the message, not a sentence: it crosses full stops.
   */
  static final int WIDE = 8;

  /** Below this distance, proximity stays in one clause: "didn't take my passport, only a copy". */
  static final int NEAR = 5;

  private final String source;
  private final Slot[] slots;
  private final int[] gaps;

  /** Per slot, every term it uses: a message without any of them cannot match. */
  private final int[][] slotTerms;

  IndicatorPattern(String source, List<Slot> slots, List<Integer> gaps) {
    this.source = source;
    this.slots = slots.toArray(Slot[]::new);
    this.gaps = gaps.stream().mapToInt(Integer::intValue).toArray();
    this.slotTerms = new int[this.slots.length][];
    for (int i = 0; i < this.slots.length; i++) {
      slotTerms[i] =
          java.util.Arrays.stream(this.slots[i].alternatives())
              .flatMap(java.util.Arrays::stream)
              .flatMapToInt(java.util.Arrays::stream)
              .distinct()
              .toArray();
    }
  }

  /** Whether every slot has at least one of its terms somewhere in the message. */
  private boolean possible(TermHits hits) {
    for (int[] terms : slotTerms) {
      boolean any = false;
      for (int term : terms) {
        if (hits.anywhere(term)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return source;
  }

  /** The positions of the words of the first acceptable match, or null. */
  int[] find(MatchContext context) {
    return possible(context.hits()) ? new Search(context).run() : null;
  }

  /** One search over one message: backtracking over the few candidate spans of each slot. */
  private final class Search {
    private final MatchContext context;
    private final boolean[] used;
    private final int[] spanStart;
    private final int[] spanEnd;
    private int usedCount;

    Search(MatchContext context) {
      this.context = context;
      int n = context.tokens().size();
      this.used = new boolean[n];
      this.spanStart = new int[slots.length];
      this.spanEnd = new int[slots.length];
    }

    int[] run() {
      if (!search(0)) {
        return null;
      }
      int[] positions = new int[usedCount];
      int k = 0;
      for (int i = 0; i < used.length; i++) {
        if (used[i]) {
          positions[k++] = i;
        }
      }
      return positions;
    }

    private boolean search(int slot) {
      if (slot == slots.length) {
        return !negatedByWords();
      }
      int n = context.tokens().size();
      for (int[][] alternative : slots[slot].alternatives()) {
        int length = alternative.length;
        int from;
        int to;
        if (slot == 0) {
          from = 0;
          to = n - length;
        } else if (gaps[slot] == 0) {
          from = spanEnd[slot - 1] + 1;
          to = from;
        } else {
          from = spanStart[slot - 1] - gaps[slot] - length;
          to = spanEnd[slot - 1] + 1 + gaps[slot];
        }
        for (int start = Math.max(0, from); start <= Math.min(to, n - length); start++) {
          if (slot > 0 && !near(slot, start, length)) {
            continue;
          }
          if (fits(alternative, start)) {
            take(start, length, true);
            spanStart[slot] = start;
            spanEnd[slot] = start + length - 1;
            if (search(slot + 1)) {
              return true;
            }
            take(start, length, false);
          }
        }
      }
      return false;
    }

    private boolean near(int slot, int start, int length) {
      int end = start + length - 1;
      int previousStart = spanStart[slot - 1];
      int previousEnd = spanEnd[slot - 1];
      if (start <= previousEnd && end >= previousStart) {
        return false; // overlaps
      }
      int gap = start > previousEnd ? start - previousEnd - 1 : previousStart - end - 1;
      if (gaps[slot] == 0 && start != previousEnd + 1) {
        return false;
      }
      if (gap > gaps[slot]) {
        return false;
      }
      if (gaps[slot] >= WIDE) {
        return true;
      }
      return gaps[slot] >= NEAR
          ? context.sentence(start) == context.sentence(previousStart)
          : context.clause(start) == context.clause(previousStart);
    }

    /** Every word of the phrase is satisfied at its place, plainly, by a word not yet used. */
    private boolean fits(int[][] phrase, int start) {
      int sentence = context.sentence(start);
      for (int w = 0; w < phrase.length; w++) {
        int at = start + w;
        if (used[at] || context.blocked(at) || context.sentence(at) != sentence) {
          return false;
        }
        if (!context.satisfiedPlainly(phrase[w], at)) {
          return false;
        }
      }
      return true;
    }

    private void take(int start, int length, boolean on) {
      for (int at = start; at < start + length; at++) {
        used[at] = on;
      }
      usedCount += on ? length : -length;
    }

    /** A negation word just before (or, where the language puts it there, after) a matched word. */
    private boolean negatedByWords() {
      for (int at = 0; at < used.length; at++) {
        if (!used[at]) {
          continue;
        }
        if (negatorAround(at, -1, context.negationWindow(), context.negatorsBefore())
            || negatorAround(at, 1, context.negationWindowAfter(), context.negatorsAfter())) {
          return true;
        }
      }
      return false;
    }

    /**
     * A negator within {@code window} words, in the same clause and not past a boundary word
     * ("until", "пока"): in "you won't leave until you pay", "won't" does not negate "until".
     */
    private boolean negatorAround(int at, int direction, int window, int[] negators) {
      if (negators.length == 0 || context.satisfiedBy(context.boundaries(), at)) {
        return false;
      }
      int clause = context.clause(at);
      for (int step = 1; step <= window; step++) {
        int p = at + direction * step;
        if (p < 0
            || p >= used.length
            || context.clause(p) != clause
            || context.satisfiedBy(context.boundaries(), p)) {
          return false;
        }
        if (!used[p] && context.satisfiedBy(negators, p)) {
          return true;
        }
      }
      return false;
    }
  }
}

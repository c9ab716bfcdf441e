package dev.selam.bot.risk;

/**
 * For one message: which words satisfy which terms, and whether only in a negated form. Bit sets
 * per term, allocated only for terms that some word satisfies.
 */
final class TermHits {
  private final long[][] yes;
  private final long[][] negated;
  private final int words;

  TermHits(int terms, int tokens) {
    this.yes = new long[terms][];
    this.negated = new long[terms][];
    this.words = Math.max(1, (tokens + 63) / 64);
  }

  void yes(int term, int at) {
    yes[term] = set(yes[term], at);
    if (negated[term] != null) {
      negated[term][at >> 6] &= ~(1L << at);
    }
  }

  void negated(int term, int at) {
    if (!isYes(term, at)) {
      negated[term] = set(negated[term], at);
    }
  }

  boolean isYes(int term, int at) {
    return test(yes[term], at);
  }

  boolean isNegated(int term, int at) {
    return test(negated[term], at);
  }

  /** Satisfied at all, plainly or negated. */
  boolean any(int term, int at) {
    return isYes(term, at) || isNegated(term, at);
  }

  boolean anywhere(int term) {
    return yes[term] != null || negated[term] != null;
  }

  private long[] set(long[] bits, int at) {
    long[] b = bits == null ? new long[words] : bits;
    b[at >> 6] |= 1L << at;
    return b;
  }

  private static boolean test(long[] bits, int at) {
    return bits != null && at >= 0 && (at >> 6) < bits.length && (bits[at >> 6] & (1L << at)) != 0;
  }
}

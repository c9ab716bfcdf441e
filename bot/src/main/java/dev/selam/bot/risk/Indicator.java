package dev.selam.bot.risk;

import java.util.List;

/**
 * One indicator of an indicator file: what it is evidence of ({@code category}), how much it
 * weighs, and the patterns any of which shows it.
 */
record Indicator(
    String id, String category, Effect effect, double weight, List<IndicatorPattern> patterns) {

  /** What a match does to the message's level. */
  enum Effect {
    /** Enough on its own for {@code high} (weight 4 unless set). */
    HIGH(4),
    /** Enough on its own for {@code medium} (weight 2 unless set). */
    MEDIUM(2),
    /** Adds to others (weight 1 unless set): two signals make {@code medium}. */
    SIGNAL(1),
    /** The events are over ("two years ago", "I got out and I am safe"): at most medium. */
    PAST(0),
    /** A question about a topic in general, not about someone: one level lower. */
    GENERAL(0),
    /** Alarming words in a harmless sense ("dying of heat"): their words match nothing else. */
    HARMLESS(0);

    final double defaultWeight;

    Effect(double defaultWeight) {
      this.defaultWeight = defaultWeight;
    }

    boolean scores() {
      return defaultWeight > 0;
    }
  }
}

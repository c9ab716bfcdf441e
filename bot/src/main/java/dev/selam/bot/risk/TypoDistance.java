package dev.selam.bot.risk;

/**
 * Whether two words are at most one edit apart (insertion, deletion, substitution or the swap of
 * two neighbours): the slips of a thumb on a phone keyboard.
 */
final class TypoDistance {
  private TypoDistance() {}

  static boolean withinOne(CharSequence a, int aLength, CharSequence b, int bLength) {
    if (Math.abs(aLength - bLength) > 1) {
      return false;
    }
    int i = 0;
    while (i < aLength && i < bLength && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (i == aLength && i == bLength) {
      return true;
    }
    if (aLength == bLength) {
      // substitution, or a swap of neighbours
      if (tailEquals(a, i + 1, b, i + 1, aLength)) {
        return true;
      }
      return i + 1 < aLength
          && a.charAt(i) == b.charAt(i + 1)
          && a.charAt(i + 1) == b.charAt(i)
          && tailEquals(a, i + 2, b, i + 2, aLength);
    }
    if (aLength > bLength) {
      return tailEqualsShifted(a, i + 1, b, i, bLength);
    }
    return tailEqualsShifted(b, i + 1, a, i, aLength);
  }

  static boolean withinOne(String a, String b) {
    return withinOne(a, a.length(), b, b.length());
  }

  private static boolean tailEquals(CharSequence a, int from, CharSequence b, int bFrom, int end) {
    for (int k = 0; from + k < end; k++) {
      if (a.charAt(from + k) != b.charAt(bFrom + k)) {
        return false;
      }
    }
    return true;
  }

  /** Does {@code longer[longFrom..]} equal {@code shorter[shortFrom..shortLength]}? */
  private static boolean tailEqualsShifted(
      CharSequence longer, int longFrom, CharSequence shorter, int shortFrom, int shortLength) {
    for (int k = 0; shortFrom + k < shortLength; k++) {
      if (longer.charAt(longFrom + k) != shorter.charAt(shortFrom + k)) {
        return false;
      }
    }
    return true;
  }
}

package dev.selam.bot.language;

/**
 * What the detector thinks one message is written in.
 *
 * @param language ISO 639-1 code of the most likely language, possibly one the service does not
 *     support (a confuser such as {@code kk}); {@code und} when the text has no letters
 * @param supported whether {@code language} is one of the configured languages
 * @param confidence from 0 to 1: how far the best language is ahead of the next one
 * @param words words in the message's main script
 * @param letters letters in those words
 */
public record LanguageGuess(
    String language, boolean supported, double confidence, int words, int letters) {
  public static final String UNDETERMINED = "und";

  static LanguageGuess none() {
    return new LanguageGuess(UNDETERMINED, false, 0, 0, 0);
  }
}

package dev.selam.bot.language;

/** The writing systems the detector tells apart before it asks Lingua. */
public enum Script {
  LATIN,
  CYRILLIC,
  ARABIC,
  OTHER;

  static Script of(int codePoint) {
    return switch (Character.UnicodeScript.of(codePoint)) {
      case LATIN -> LATIN;
      case CYRILLIC -> CYRILLIC;
      case ARABIC -> ARABIC;
      default -> OTHER;
    };
  }
}

package dev.selam.bot.i18n;

import java.util.Locale;

/** Which way a language is written; {@link #attribute()} is the value for HTML's {@code dir}. */
public enum TextDirection {
  LTR,
  RTL;

  public String attribute() {
    return name().toLowerCase(Locale.ROOT);
  }
}

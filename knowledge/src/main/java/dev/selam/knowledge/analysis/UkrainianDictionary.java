package dev.selam.knowledge.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import morfologik.stemming.Dictionary;

/** The Ukrainian morphological dictionary (7 MB), loaded once and shared by every analyzer. */
final class UkrainianDictionary {
  private static final String RESOURCE = "/ua/net/nlp/ukrainian.dict";
  private static volatile Dictionary dictionary;

  private UkrainianDictionary() {}

  static Dictionary get() {
    Dictionary d = dictionary;
    if (d == null) {
      synchronized (UkrainianDictionary.class) {
        d = dictionary;
        if (d == null) {
          try {
            d = Dictionary.read(UkrainianDictionary.class.getResource(RESOURCE));
          } catch (IOException e) {
            throw new UncheckedIOException("Ukrainian dictionary missing from the classpath", e);
          }
          dictionary = d;
        }
      }
    }
    return d;
  }
}

package dev.selam.knowledge.article;

import java.util.Locale;

/** Where an article is in its life: only published articles are shown to people. */
public enum ArticleStatus {
  DRAFT,
  PUBLISHED,
  ARCHIVED;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ArticleStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}

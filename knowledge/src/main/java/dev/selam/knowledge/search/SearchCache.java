package dev.selam.knowledge.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Recent search results. A changed article invalidates what it can change and nothing else: the
 * results in its language, the language-agnostic ones, and any result that names its topic (an
 * answer shown in the fallback language).
 */
public final class SearchCache {
  private record Key(String language, String question) {}

  private final Cache<Key, SearchResult> cache;

  public SearchCache(long maximumSize) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .expireAfterAccess(Duration.ofHours(6))
            .recordStats()
            .build();
  }

  public SearchResult get(String question, String language, Supplier<SearchResult> search) {
    Key key = new Key(language, question.strip().toLowerCase(Locale.ROOT));
    return cache.get(key, k -> search.get());
  }

  public void articleChanged(String topic, String language) {
    cache
        .asMap()
        .keySet()
        .removeIf(
            key -> {
              if (key.language() == null || key.language().equals(language)) {
                return true;
              }
              SearchResult result = cache.getIfPresent(key);
              return result != null
                  && result.hits().stream().anyMatch(hit -> hit.topic().equals(topic));
            });
  }

  public void invalidateAll() {
    cache.invalidateAll();
  }

  public long size() {
    return cache.estimatedSize();
  }

  public long hits() {
    return cache.stats().hitCount();
  }
}

package dev.selam.knowledge.article;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Articles as the bot answers with them: a confident answer reads its article once per change
 * instead of once per question. The owner clears an article's entry on every change to it (made on
 * this replica or heard from another), and everything when the whole set may have changed.
 */
public final class ArticleCache {
  private record Key(String topic, String language) {}

  private final ArticleStore store;
  private final AsyncCache<Key, Optional<Article>> cache =
      Caffeine.newBuilder().maximumSize(5_000).buildAsync();

  public ArticleCache(ArticleStore store) {
    this.store = store;
  }

  /** The article (any status), completing on {@code context}; a failed read is not remembered. */
  public Future<Optional<Article>> find(String topic, String language, Context context) {
    return Future.fromCompletionStage(
        cache.get(
            new Key(topic, language),
            (key, executor) ->
                store.find(topic, language).toCompletionStage().toCompletableFuture()),
        context);
  }

  public void changed(String topic, String language) {
    cache.synchronous().invalidate(new Key(topic, language));
  }

  public void clear() {
    cache.synchronous().invalidateAll();
  }
}

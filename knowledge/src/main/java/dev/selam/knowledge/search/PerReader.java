package dev.selam.knowledge.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;
import org.apache.lucene.index.IndexReader;

/**
 * What is worked out from an index reader, kept as long as the reader is one of the latest few: a
 * reader never changes, and a publication (a new reader) starts afresh.
 *
 * @param <T> what is kept per reader
 */
final class PerReader<T> {
  private final Cache<IndexReader.CacheKey, T> byReader =
      Caffeine.newBuilder().maximumSize(4).build();
  private final Function<IndexReader, T> make;

  PerReader(Function<IndexReader, T> make) {
    this.make = make;
  }

  /** The value for {@code reader}, made on first use (each time, for a reader that cannot say). */
  T of(IndexReader reader) {
    var helper = reader.getReaderCacheHelper();
    return helper == null
        ? make.apply(reader)
        : byReader.get(helper.getKey(), key -> make.apply(reader));
  }
}

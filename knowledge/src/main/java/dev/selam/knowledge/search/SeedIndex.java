package dev.selam.knowledge.search;

import dev.selam.knowledge.analysis.SynonymFiles;
import dev.selam.knowledge.content.ContentSet;
import dev.selam.knowledge.content.Topics;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.store.ByteBuffersDirectory;

/** A search over the seed content alone, in memory: what {@code selam eval kb} measures. */
public final class SeedIndex {
  private SeedIndex() {}

  public static KnowledgeSearch search(Set<String> languages, Calibration calibration) {
    ContentSet seed = ContentSet.bundled(Topics.bundled(), languages);
    if (!seed.valid()) {
      throw new IllegalStateException("seed content has problems: " + seed.problems());
    }
    ArticleIndex index = ArticleIndex.open(new ByteBuffersDirectory());
    index.rebuild(seed.articles(), "seed");
    return new KnowledgeSearch(
        index, languages, SynonymFiles.load(languages, Optional.empty()), "en", calibration);
  }
}

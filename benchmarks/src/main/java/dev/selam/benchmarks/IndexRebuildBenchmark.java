package dev.selam.benchmarks;

import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.content.ContentSet;
import dev.selam.knowledge.content.Topics;
import dev.selam.knowledge.search.ArticleIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.store.FSDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** How long a full rebuild of a 10,168-article index takes (divide to get articles per second). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class IndexRebuildBenchmark {
  private List<Article> articles;

  @Setup(Level.Trial)
  public void setUp() {
    List<Article> seed = ContentSet.bundled(Topics.bundled(), SearchBenchmark.LANGUAGES).articles();
    articles = GeneratedArticles.generate(seed, 10_000, 7);
  }

  @Benchmark
  public int rebuild() throws IOException {
    try (ArticleIndex index =
        ArticleIndex.open(FSDirectory.open(Files.createTempDirectory("selam-rebuild")))) {
      index.rebuild(articles, "bench");
      return articles.size();
    }
  }
}

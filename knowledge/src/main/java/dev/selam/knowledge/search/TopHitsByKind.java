package dev.selam.knowledge.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;

/**
 * The best articles and the best example questions of one search, kept apart: articles and examples
 * never share a field, so one query can look for both, and each document's score comes from its own
 * kind's clauses alone. One search instead of two halves what every search costs before it scores a
 * document (rewriting, weights, scorers), most of a search on a small index.
 *
 * <p>Ranks as {@link org.apache.lucene.search.TopScoreDocCollector} does (higher score first, then
 * lower document), and tells the scorer to skip documents that could enter neither list.
 */
final class TopHitsByKind implements Collector {
  /** Better first: the order of a search's results. */
  private static final Comparator<ScoreDoc> BETTER_FIRST =
      Comparator.<ScoreDoc>comparingDouble(d -> -d.score).thenComparingInt(d -> d.doc);

  private final IntPredicate isArticle;
  private final Best articles;
  private final Best examples;

  TopHitsByKind(IntPredicate isArticle, int articles, int examples) {
    if (articles < 1 || examples < 1) {
      throw new IllegalArgumentException("each kind needs room for a hit");
    }
    this.isArticle = isArticle;
    this.articles = new Best(articles);
    this.examples = new Best(examples);
  }

  /**
   * For {@link org.apache.lucene.search.IndexSearcher#search(org.apache.lucene.search.Query,
   * CollectorManager)}.
   */
  static CollectorManager<TopHitsByKind, TopHitsByKind> manager(
      IntPredicate isArticle, int articles, int examples) {
    return new CollectorManager<>() {
      @Override
      public TopHitsByKind newCollector() {
        return new TopHitsByKind(isArticle, articles, examples);
      }

      @Override
      public TopHitsByKind reduce(Collection<TopHitsByKind> collectors) {
        TopHitsByKind all = newCollector();
        for (TopHitsByKind c : collectors) {
          c.articles.queue.forEach(hit -> all.articles.offer(hit.doc, hit.score));
          c.examples.queue.forEach(hit -> all.examples.offer(hit.doc, hit.score));
        }
        return all;
      }
    };
  }

  /** The best articles, better first. */
  List<ScoreDoc> articles() {
    return articles.sorted();
  }

  /** The best example questions, better first. */
  List<ScoreDoc> examples() {
    return examples.sorted();
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.TOP_SCORES;
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) {
    int base = context.docBase;
    return new LeafCollector() {
      private Scorable scorer;

      @Override
      public void setScorer(Scorable scorer) throws IOException {
        this.scorer = scorer;
        raiseMinimum();
      }

      @Override
      public void collect(int doc) throws IOException {
        int global = base + doc;
        Best best = isArticle.test(global) ? articles : examples;
        if (best.offer(global, scorer.score()) && best.full()) {
          raiseMinimum();
        }
      }

      /**
       * Once both lists are full, a document must beat the worse of their last entries to matter;
       * documents come in increasing order, so a tie loses and the bound is the next float up.
       */
      private void raiseMinimum() throws IOException {
        if (articles.full() && examples.full()) {
          scorer.setMinCompetitiveScore(
              Math.nextUp(Math.min(articles.worst().score, examples.worst().score)));
        }
      }
    };
  }

  /** The best {@code size} hits so far, the worst on top. */
  private static final class Best {
    private final int size;
    private final PriorityQueue<ScoreDoc> queue;

    Best(int size) {
      this.size = size;
      this.queue = new PriorityQueue<>(size + 1, BETTER_FIRST.reversed());
    }

    /** Whether the hit made it into the list. */
    boolean offer(int doc, float score) {
      if (queue.size() < size) {
        queue.add(new ScoreDoc(doc, score));
        return true;
      }
      ScoreDoc worst = queue.peek();
      if (score < worst.score || (score == worst.score && doc > worst.doc)) {
        return false;
      }
      queue.poll();
      queue.add(new ScoreDoc(doc, score));
      return true;
    }

    boolean full() {
      return queue.size() == size;
    }

    ScoreDoc worst() {
      return queue.peek();
    }

    List<ScoreDoc> sorted() {
      List<ScoreDoc> hits = new ArrayList<>(queue);
      hits.sort(BETTER_FIRST);
      return hits;
    }
  }
}

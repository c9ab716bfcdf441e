package dev.selam.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * One search for two kinds of documents must rank each kind exactly as a search for that kind alone
 * would, including once both lists are full and the scorer starts skipping documents.
 */
class TopHitsByKindTest {
  static final String ARTICLE_TEXT = "article_text";
  static final String EXAMPLE_TEXT = "example_text";
  static final List<String> WORDS =
      List.of("visa", "clinic", "work", "permit", "shelter", "lawyer", "school", "return", "fee");

  @Test
  void eachKindIsRankedAsItsOwnSearchWouldRankIt() throws IOException {
    for (int seed = 1; seed <= 12; seed++) {
      Random random = new Random(seed);
      try (var directory = new ByteBuffersDirectory()) {
        boolean[] articles = index(directory, random, 300 + random.nextInt(1500));
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          IndexSearcher searcher = new IndexSearcher(reader);
          List<String> question = question(random);

          TopHitsByKind both =
              searcher.search(
                  or(question, ARTICLE_TEXT, EXAMPLE_TEXT),
                  TopHitsByKind.manager(doc -> articles[doc], 10, 30));

          assertSameRanking(both.articles(), searcher.search(or(question, ARTICLE_TEXT), 10));
          assertSameRanking(both.examples(), searcher.search(or(question, EXAMPLE_TEXT), 30));
        }
      }
    }
  }

  @Test
  void fewerHitsThanRoomGivesEveryHit() throws IOException {
    try (var directory = new ByteBuffersDirectory()) {
      try (var writer =
          new IndexWriter(directory, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
        writer.addDocument(document(ARTICLE_TEXT, "visa fee"));
        writer.addDocument(document(EXAMPLE_TEXT, "visa"));
        writer.addDocument(document(ARTICLE_TEXT, "clinic"));
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        TopHitsByKind both =
            new IndexSearcher(reader)
                .search(
                    or(List.of("visa", "fee"), ARTICLE_TEXT, EXAMPLE_TEXT),
                    TopHitsByKind.manager(doc -> doc != 1, 10, 30));

        assertThat(both.articles()).extracting(hit -> hit.doc).containsExactly(0);
        assertThat(both.examples()).extracting(hit -> hit.doc).containsExactly(1);
      }
    }
  }

  @Test
  void eachKindNeedsRoom() {
    assertThatThrownBy(() -> new TopHitsByKind(doc -> true, 0, 30))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static void assertSameRanking(List<ScoreDoc> actual, org.apache.lucene.search.TopDocs expected) {
    assertThat(actual)
        .extracting(hit -> hit.doc)
        .containsExactlyElementsOf(Arrays.stream(expected.scoreDocs).map(hit -> hit.doc).toList());
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).score)
          .isCloseTo(
              expected.scoreDocs[i].score, org.assertj.core.data.Percentage.withPercentage(1e-4));
    }
  }

  /** Documents of both kinds mixed; the kind of each, by document number. */
  static boolean[] index(ByteBuffersDirectory directory, Random random, int count)
      throws IOException {
    boolean[] articles = new boolean[count];
    try (var writer = new IndexWriter(directory, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
      for (int doc = 0; doc < count; doc++) {
        articles[doc] = random.nextInt(4) == 0;
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(articles[doc] ? 40 : 8);
        for (int w = 0; w < length; w++) {
          text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
        }
        writer.addDocument(document(articles[doc] ? ARTICLE_TEXT : EXAMPLE_TEXT, text.toString()));
      }
      writer.forceMerge(1);
    }
    return articles;
  }

  static Document document(String field, String text) {
    Document doc = new Document();
    doc.add(new StringField("kind", field, Field.Store.NO));
    doc.add(new TextField(field, text, Field.Store.NO));
    return doc;
  }

  static List<String> question(Random random) {
    List<String> words = new ArrayList<>(WORDS);
    java.util.Collections.shuffle(words, random);
    return words.subList(0, 2 + random.nextInt(3));
  }

  /** Each word over the given fields, articles weighted above examples as the real query does. */
  static Query or(List<String> words, String... fields) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String word : words) {
      for (String field : fields) {
        query.add(
            new BoostQuery(
                new TermQuery(new Term(field, word)), field.equals(ARTICLE_TEXT) ? 3 : 1),
            BooleanClause.Occur.SHOULD);
      }
    }
    return query.build();
  }
}

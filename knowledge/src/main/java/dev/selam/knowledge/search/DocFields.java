package dev.selam.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The few values a search reads per hit (topic, status, title, an example's terms), read from doc
 * values (stored fields decompress a whole block per document) and remembered per index reader: a
 * reader never changes, the same few hundred articles and examples are hit by search after search,
 * and opening doc values iterators for every hit cost more than the search itself. A publication (a
 * new reader) starts afresh.
 */
final class DocFields {
  private static final PerReader<DocFields> BY_READER = new PerReader<>(DocFields::new);
  private static final Set<String> NO_TERMS = Set.of();

  private final List<LeafReaderContext> leaves;
  private final AtomicReferenceArray<String> topics;
  private final AtomicReferenceArray<String> statuses;
  private final AtomicReferenceArray<String> titles;
  private final AtomicReferenceArray<Set<String>> exampleTerms;
  private final Map<String, Integer> articles = new ConcurrentHashMap<>();
  private final FixedBitSet articleDocs;

  private DocFields(IndexReader reader) {
    this.leaves = reader.leaves();
    int maxDoc = reader.maxDoc();
    this.articleDocs = articleDocs(leaves, maxDoc);
    this.topics = new AtomicReferenceArray<>(maxDoc);
    this.statuses = new AtomicReferenceArray<>(maxDoc);
    this.titles = new AtomicReferenceArray<>(maxDoc);
    this.exampleTerms = new AtomicReferenceArray<>(maxDoc);
  }

  static DocFields of(IndexReader reader) {
    return BY_READER.of(reader);
  }

  /** Whether {@code doc} is an article (else an example question): asked of every hit. */
  boolean isArticle(int doc) {
    return articleDocs.get(doc);
  }

  private static FixedBitSet articleDocs(List<LeafReaderContext> leaves, int maxDoc) {
    FixedBitSet bits = new FixedBitSet(Math.max(1, maxDoc));
    BytesRef article = new BytesRef(ArticleIndex.ARTICLE);
    try {
      for (LeafReaderContext leaf : leaves) {
        Terms terms = leaf.reader().terms(ArticleIndex.KIND);
        if (terms == null) {
          continue;
        }
        TermsEnum termsEnum = terms.iterator();
        if (!termsEnum.seekExact(article)) {
          continue;
        }
        PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
        for (int doc = postings.nextDoc();
            doc != PostingsEnum.NO_MORE_DOCS;
            doc = postings.nextDoc()) {
          bits.set(leaf.docBase + doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bits;
  }

  String topic(int doc) {
    return remembered(topics, doc, () -> sorted(ArticleIndex.TOPIC, doc));
  }

  /** Null for a document that is not an article (an example question). */
  String status(int doc) {
    return remembered(statuses, doc, () -> sorted(ArticleIndex.STATUS, doc));
  }

  String title(int doc) {
    return remembered(titles, doc, () -> binary(ArticleIndex.TITLE_STORED, doc));
  }

  /** An example question's analysed terms. */
  Set<String> exampleTerms(int doc) {
    Set<String> terms = exampleTerms.get(doc);
    if (terms == null) {
      String joined = binary(ArticleIndex.EXAMPLE_TERMS, doc);
      terms = joined == null ? NO_TERMS : Set.copyOf(Arrays.asList(joined.split(" ")));
      exampleTerms.set(doc, terms);
    }
    return terms;
  }

  /** The live article document (not an example) with this id, or -1. */
  int article(String id) {
    return articles.computeIfAbsent(id, this::findArticle);
  }

  private int findArticle(String id) {
    try {
      BytesRef term = new BytesRef(id);
      for (LeafReaderContext leaf : leaves) {
        Terms terms = leaf.reader().terms(ArticleIndex.ID);
        if (terms == null) {
          continue;
        }
        TermsEnum termsEnum = terms.iterator();
        if (!termsEnum.seekExact(term)) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
        for (int doc = postings.nextDoc();
            doc != PostingsEnum.NO_MORE_DOCS;
            doc = postings.nextDoc()) {
          if ((live == null || live.get(doc)) && status(leaf.docBase + doc) != null) {
            return leaf.docBase + doc;
          }
        }
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A value read once; {@code ""} stands for "no value" so that absence is remembered too. */
  private static String remembered(
      AtomicReferenceArray<String> values, int doc, java.util.function.Supplier<String> read) {
    String value = values.get(doc);
    if (value == null) {
      String found = read.get();
      value = found == null ? "" : found;
      values.set(doc, value);
    }
    return value.isEmpty() ? null : value;
  }

  private String sorted(String field, int doc) {
    try {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      SortedDocValues values = DocValues.getSorted(leaf.reader(), field);
      return values.advanceExact(doc - leaf.docBase)
          ? values.lookupOrd(values.ordValue()).utf8ToString()
          : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String binary(String field, int doc) {
    try {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      BinaryDocValues values = DocValues.getBinary(leaf.reader(), field);
      return values.advanceExact(doc - leaf.docBase) ? values.binaryValue().utf8ToString() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

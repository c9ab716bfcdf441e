package dev.selam.knowledge.search;

import java.io.IOException;
import java.util.List;
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

/**
 * The few values a search reads per hit (topic, status, title, an example's terms), read from doc
 * values rather than stored fields: stored fields decompress a whole block for every document,
 * which cost more than the search itself.
 */
final class DocFields {
  private final List<LeafReaderContext> leaves;

  DocFields(IndexReader reader) {
    this.leaves = reader.leaves();
  }

  String topic(int doc) throws IOException {
    return sorted(ArticleIndex.TOPIC, doc);
  }

  String status(int doc) throws IOException {
    return sorted(ArticleIndex.STATUS, doc);
  }

  String title(int doc) throws IOException {
    return binary(ArticleIndex.TITLE_STORED, doc);
  }

  String exampleTerms(int doc) throws IOException {
    return binary(ArticleIndex.EXAMPLE_TERMS, doc);
  }

  /** The live article document (not an example) with this id, or -1: a postings lookup. */
  int article(String id) throws IOException {
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
  }

  private String sorted(String field, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedDocValues values = DocValues.getSorted(leaf.reader(), field);
    return values.advanceExact(doc - leaf.docBase)
        ? values.lookupOrd(values.ordValue()).utf8ToString()
        : null;
  }

  private String binary(String field, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    BinaryDocValues values = DocValues.getBinary(leaf.reader(), field);
    return values.advanceExact(doc - leaf.docBase) ? values.binaryValue().utf8ToString() : null;
  }
}

package dev.selam.bot.risk;

import dev.selam.knowledge.analysis.LanguageAnalyzers;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;

/**
 * The search chain's normalisation without stop words or stemming: every word of a message, folded
 * the way {@code LanguageAnalyzers} folds it (Turkish and English accents, Arabic and Persian
 * letter variants, Russian ё, Ukrainian apostrophes and ґ). Risk matching needs every word,
 * including those the search chain drops as stop words, because negation lives in them ("not",
 * "не", "ما").
 */
final class FoldingAnalyzer extends Analyzer {
  private final String language;

  FoldingAnalyzer(String language) {
    this.language = language;
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return LanguageAnalyzers.characterFolding(language, reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream s = new DecimalDigitFilter(source);
    s =
        switch (language) {
          case "tr" -> new ASCIIFoldingFilter(new TurkishLowerCaseFilter(new ApostropheFilter(s)));
          case "en" -> new ASCIIFoldingFilter(new LowerCaseFilter(s));
          case "ar" -> new ArabicNormalizationFilter(new LowerCaseFilter(s));
          case "fa" ->
              new PersianNormalizationFilter(new ArabicNormalizationFilter(new LowerCaseFilter(s)));
          default -> new LowerCaseFilter(s);
        };
    return new TokenStreamComponents(source, s);
  }
}

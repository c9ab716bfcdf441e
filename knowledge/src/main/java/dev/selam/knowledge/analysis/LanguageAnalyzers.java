package dev.selam.knowledge.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fa.PersianCharFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.morfologik.MorfologikFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;
import org.apache.lucene.util.IOUtils;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * One analysis chain per language, used for the knowledge base and for risk indicators alike. Each
 * folds what people type inconsistently on a phone: Turkish without its accents (ı ş ğ ç ö ü),
 * Arabic hamza/alef/ta marbuta/yeh variants and diacritics, Persian yeh and kaf typed on Arabic
 * keyboards and the zero-width non-joiner, Russian ё, Ukrainian apostrophes and ґ.
 */
public final class LanguageAnalyzers {
  public static final Set<String> SUPPORTED = Set.of("en", "tr", "ar", "ru", "fa", "uk");

  private LanguageAnalyzers() {}

  /** The analyzer for indexing text in {@code language}. */
  public static Analyzer index(String language) {
    return new ChainAnalyzer(language, null);
  }

  /** The analyzer for questions: the index chain plus the language's synonyms, if any. */
  public static Analyzer query(String language, Optional<SynonymMap> synonyms) {
    return new ChainAnalyzer(language, synonyms.filter(map -> map.fst != null).orElse(null));
  }

  /**
   * The character-level folding before tokenising (Persian zero-width non-joiner, Russian ё,
   * Ukrainian apostrophes and ґ): shared with chains that need the same folding without stop words
   * or stemming, such as risk matching.
   */
  public static Reader characterFolding(String language, Reader reader) {
    return switch (language) {
      case "fa" -> new PersianCharFilter(reader);
      case "ru" -> new MappingCharFilter(Chars.RUSSIAN, reader);
      case "uk" -> new MappingCharFilter(Chars.UKRAINIAN, reader);
      default -> reader;
    };
  }

  public static boolean supports(String language) {
    return SUPPORTED.contains(language);
  }

  private static final class ChainAnalyzer extends Analyzer {
    private final String language;
    private final SynonymMap synonyms;

    ChainAnalyzer(String language, SynonymMap synonyms) {
      if (!supports(language)) {
        throw new IllegalArgumentException("no analysis for language " + language);
      }
      this.language = language;
      this.synonyms = synonyms;
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return characterFolding(language, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream =
          switch (language) {
            case "en" -> english(source);
            case "tr" -> turkish(source);
            case "ar" -> arabic(source);
            case "fa" -> persian(source);
            case "ru" -> russian(source);
            case "uk" -> ukrainian(source);
            default -> throw new IllegalStateException(language);
          };
      if (synonyms != null) {
        stream = new SynonymGraphFilter(stream, synonyms, true);
      }
      return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return "tr".equals(language) ? new TurkishLowerCaseFilter(in) : new LowerCaseFilter(in);
    }
  }

  private static TokenStream english(TokenStream in) {
    TokenStream s = new EnglishPossessiveFilter(in);
    s = new LowerCaseFilter(s);
    s = new ASCIIFoldingFilter(s);
    s = new StopFilter(s, StopWords.ENGLISH);
    s = new StopFilter(s, StopWords.extra("en"));
    return new PorterStemFilter(s);
  }

  /**
   * Turkish: accents are folded before stemming, so "kartımı" and "kartimi" meet; the stemmer then
   * works on folded text identically at index and query time.
   */
  private static TokenStream turkish(TokenStream in) {
    TokenStream s = new ApostropheFilter(in);
    s = new TurkishLowerCaseFilter(s);
    s = new StopFilter(s, TurkishAnalyzer.getDefaultStopSet());
    s = new StopFilter(s, StopWords.extra("tr"));
    s = new ASCIIFoldingFilter(s);
    return new SnowballFilter(s, new TurkishStemmer());
  }

  private static TokenStream arabic(TokenStream in) {
    TokenStream s = new LowerCaseFilter(in);
    s = new DecimalDigitFilter(s);
    s = new ArabicNormalizationFilter(s);
    s = new StopFilter(s, StopWords.ARABIC_NORMALISED);
    s = new StopFilter(s, StopWords.extra("ar"));
    return new ArabicStemFilter(s);
  }

  private static TokenStream persian(TokenStream in) {
    TokenStream s = new LowerCaseFilter(in);
    s = new DecimalDigitFilter(s);
    s = new ArabicNormalizationFilter(s);
    s = new PersianNormalizationFilter(s);
    s = new StopFilter(s, StopWords.PERSIAN_NORMALISED);
    s = new StopFilter(s, StopWords.extra("fa"));
    return new PersianStemFilter(s);
  }

  private static TokenStream russian(TokenStream in) {
    TokenStream s = new LowerCaseFilter(in);
    s = new StopFilter(s, RussianAnalyzer.getDefaultStopSet());
    s = new StopFilter(s, StopWords.extra("ru"));
    return new SnowballFilter(s, new RussianStemmer());
  }

  private static TokenStream ukrainian(TokenStream in) {
    TokenStream s = new LowerCaseFilter(in);
    s = new StopFilter(s, UkrainianMorfologikAnalyzer.getDefaultStopwords());
    s = new StopFilter(s, StopWords.extra("uk"));
    return new MorfologikFilter(s, UkrainianDictionary.get());
  }

  /** Character mappings applied before tokenising. */
  private static final class Chars {
    static final NormalizeCharMap RUSSIAN;
    static final NormalizeCharMap UKRAINIAN;

    static {
      NormalizeCharMap.Builder ru = new NormalizeCharMap.Builder();
      ru.add("ё", "е");
      ru.add("Ё", "Е");
      ru.add("\u0301", "");
      RUSSIAN = ru.build();
      NormalizeCharMap.Builder uk = new NormalizeCharMap.Builder();
      for (String apostrophe : new String[] {"’", "ʼ", "‘", "`", "´"}) {
        uk.add(apostrophe, "'");
      }
      uk.add("ґ", "г");
      uk.add("Ґ", "Г");
      uk.add("\u0301", "");
      UKRAINIAN = uk.build();
    }
  }

  /** Stop words normalised the way each chain sees them at its stop filter. */
  private static final class StopWords {
    static final CharArraySet ENGLISH = snowballList("english_stop.txt");
    static final CharArraySet ARABIC_NORMALISED =
        normalised(ArabicAnalyzer.getDefaultStopSet(), "ar");
    static final CharArraySet PERSIAN_NORMALISED =
        normalised(PersianAnalyzer.getDefaultStopSet(), "fa");

    private static CharArraySet snowballList(String resource) {
      try {
        return WordlistLoader.getSnowballWordSet(
            IOUtils.requireResourceNonNull(
                SnowballFilter.class.getResourceAsStream(resource), resource),
            java.nio.charset.StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static final java.util.Map<String, CharArraySet> EXTRA =
        new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Our own additions per language ({@code <lang>-extra-stop.txt} beside this class): question
     * words, pronouns and politeness that carry no topic, normalised like the tokens they meet.
     */
    static CharArraySet extra(String language) {
      return EXTRA.computeIfAbsent(language, StopWords::loadExtra);
    }

    private static CharArraySet loadExtra(String language) {
      String resource = language + "-extra-stop.txt";
      try (var in = LanguageAnalyzers.class.getResourceAsStream(resource)) {
        if (in == null) {
          return CharArraySet.EMPTY_SET;
        }
        CharArraySet words =
            WordlistLoader.getWordSet(
                new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8), "#");
        return switch (language) {
          case "ar", "fa" -> normalised(words, language);
          default -> CharArraySet.unmodifiableSet(words);
        };
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Stop lists are written with letter variants; normalise them like the tokens. */
    private static CharArraySet normalised(CharArraySet words, String language) {
      Analyzer normaliser =
          new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
              Tokenizer source = new StandardTokenizer();
              TokenStream s = new ArabicNormalizationFilter(new LowerCaseFilter(source));
              if ("fa".equals(language)) {
                s = new PersianNormalizationFilter(s);
              }
              return new TokenStreamComponents(source, s);
            }
          };
      CharArraySet out = new CharArraySet(words.size(), false);
      for (Object word : words) {
        out.addAll(TextAnalysis.termTexts(normaliser, new String((char[]) word)));
      }
      normaliser.close();
      return CharArraySet.unmodifiableSet(out);
    }
  }
}

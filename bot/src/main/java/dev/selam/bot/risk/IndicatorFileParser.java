package dev.selam.bot.risk;

import dev.selam.knowledge.analysis.LanguageAnalyzers;
import dev.selam.knowledge.analysis.TextAnalysis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.apache.lucene.analysis.Analyzer;

/**
 * Reads an indicator file ({@code risk/<lang>.txt}; the format is described at the top of each
 * file) into a {@link Lexicon}. Every word is folded and stemmed by the language's own chains, so
 * the file is written as people write, and a mistake fails with the file's line number.
 */
final class IndicatorFileParser {
  static final Set<String> CATEGORIES =
      Set.of(
          "trafficking-labour",
          "trafficking-sexual",
          "forced-begging",
          "child-marriage",
          "forced-marriage",
          "violence",
          "self-harm",
          "child-at-risk",
          "deceptive-recruitment",
          "asks-for-person",
          "none");

  private final String language;
  private final String source;
  private final Analyzer folding;
  private final Analyzer stemming;
  private final List<Term> terms = new ArrayList<>();
  private final Map<String, Term> termsByKey = new HashMap<>();
  private final Map<String, Definition> classDefinitions = new LinkedHashMap<>();
  private final Map<String, List<int[][]>> resolvedClasses = new HashMap<>();
  private final Set<String> resolving = new HashSet<>();
  private final Map<String, String> languageSettings = new HashMap<>();
  private final Map<String, Double> categoryLimits = new HashMap<>();
  private final List<RawIndicator> rawIndicators = new ArrayList<>();
  private TermIndex.LanguageRules rules;

  private record Definition(String value, int line) {}

  private static final class RawIndicator {
    final String id;
    final int line;
    String category;
    String level;
    String weight;
    final List<Definition> patterns = new ArrayList<>();

    RawIndicator(String id, int line) {
      this.id = id;
      this.line = line;
    }
  }

  private IndicatorFileParser(String language, String source) {
    this.language = language;
    this.source = source;
    this.folding = new FoldingAnalyzer(language);
    this.stemming = LanguageAnalyzers.index(language);
  }

  static Lexicon parse(String language, String source, Reader reader) {
    return new IndicatorFileParser(language, source).read(reader);
  }

  private Lexicon read(Reader reader) {
    readLines(reader);
    rules = rules();
    List<Indicator> indicators = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (RawIndicator raw : rawIndicators) {
      if (!ids.add(raw.id)) {
        throw error(raw.line, "indicator '" + raw.id + "' is defined twice");
      }
      indicators.add(indicator(raw));
    }
    Lexicon.WordClasses classes =
        new Lexicon.WordClasses(
            classTerms("not"),
            classTerms("not-after"),
            classTerms("boundary"),
            classTerms("age"),
            subjectTerms());
    return new Lexicon(
        language,
        folding,
        stemming,
        new TermIndex(List.copyOf(terms), rules),
        rules,
        indicators,
        categoryLimits,
        classes);
  }

  private void readLines(Reader reader) {
    BufferedReader lines = new BufferedReader(reader);
    String section = null;
    RawIndicator current = null;
    String lastKey = null;
    int number = 0;
    try {
      String line;
      while ((line = lines.readLine()) != null) {
        number++;
        String text = stripComment(line);
        if (text.isBlank()) {
          continue;
        }
        boolean continuation = Character.isWhitespace(text.charAt(0));
        text = text.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
          String header = text.substring(1, text.length() - 1).strip();
          lastKey = null;
          if (header.equals("language") || header.equals("words") || header.equals("limits")) {
            section = header;
            current = null;
          } else if (header.startsWith("indicator ")) {
            section = "indicator";
            current = new RawIndicator(header.substring("indicator ".length()).strip(), number);
            rawIndicators.add(current);
          } else {
            throw error(number, "unknown section [" + header + "]");
          }
          continue;
        }
        if (continuation && lastKey != null) {
          appendToLast(section, current, lastKey, text);
          continue;
        }
        int equals = text.indexOf('=');
        if (equals <= 0 || section == null) {
          throw error(number, "expected 'name = value' inside a [section]");
        }
        String key = text.substring(0, equals).strip();
        String value = text.substring(equals + 1).strip();
        lastKey = key;
        switch (section) {
          case "language" -> languageSettings.put(key, value);
          case "limits" -> categoryLimits.put(category(key, number), number(value, number));
          case "words" -> {
            if (classDefinitions.containsKey(key)) {
              throw error(number, "word class '" + key + "' is defined twice");
            }
            classDefinitions.put(key, new Definition(value, number));
          }
          default -> {
            switch (key) {
              case "category" -> current.category = value;
              case "level" -> current.level = value;
              case "weight" -> current.weight = value;
              case "match" -> current.patterns.add(new Definition(value, number));
              default -> throw error(number, "unknown indicator setting '" + key + "'");
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String category(String name, int line) {
    if (!CATEGORIES.contains(name)) {
      throw error(line, "unknown category '" + name + "': one of " + CATEGORIES);
    }
    return name;
  }

  private double number(String value, int line) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw error(line, "expected a number, got '" + value + "'");
    }
  }

  private void appendToLast(String section, RawIndicator current, String key, String text) {
    switch (section) {
      case "language" -> languageSettings.merge(key, text, (a, b) -> a + " " + b);
      case "words" -> {
        Definition d = classDefinitions.get(key);
        classDefinitions.put(key, new Definition(d.value() + " " + text, d.line()));
      }
      default -> {
        if (!"match".equals(key)) {
          throw new IllegalArgumentException(source + ": only 'match' lines continue");
        }
        Definition d = current.patterns.removeLast();
        current.patterns.add(new Definition(d.value() + " " + text, d.line()));
      }
    }
  }

  /** Comments take whole lines: '#' inside a line is a number term ({@code #minor}). */
  private static String stripComment(String line) {
    return line.stripLeading().startsWith("#") ? "" : line;
  }

  private TermIndex.LanguageRules rules() {
    String suffix = languageSettings.get("negation-suffix");
    java.util.regex.Pattern negationSuffix = null;
    if (suffix != null) {
      try {
        negationSuffix = java.util.regex.Pattern.compile(suffix);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(source + ": negation-suffix: " + e.getMessage(), e);
      }
    }
    return new TermIndex.LanguageRules(
        intSetting("typo-min-length", 6),
        foldedList("negation-prefixes"),
        negationSuffix,
        foldedList("clitics"),
        intSetting("negation-window", 2),
        foldedList("join-prefixes"),
        foldedList("join-suffixes"),
        intSetting("min-stem-length", 1));
  }

  private int intSetting(String name, int fallback) {
    String value = languageSettings.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": " + name + " must be a number: " + value);
    }
  }

  private List<String> foldedList(String name) {
    String value = languageSettings.get(name);
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String item : value.split("\\s+")) {
      if (!item.isEmpty()) {
        out.add(String.join("", TextAnalysis.termTexts(folding, item)));
      }
    }
    return out;
  }

  private Indicator indicator(RawIndicator raw) {
    if (raw.level == null) {
      throw error(raw.line, "indicator '" + raw.id + "' has no level");
    }
    Indicator.Effect effect;
    try {
      effect = Indicator.Effect.valueOf(raw.level.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw error(
          raw.line, "level '" + raw.level + "': high, medium, signal, past, general or harmless");
    }
    String category = category(raw.category == null ? "none" : raw.category, raw.line);
    if (effect.scores() && "none".equals(category)) {
      throw error(raw.line, "indicator '" + raw.id + "' scores, so it needs a category");
    }
    double weight = raw.weight == null ? effect.defaultWeight : number(raw.weight, raw.line);
    if (raw.patterns.isEmpty()) {
      throw error(raw.line, "indicator '" + raw.id + "' has no 'match' line");
    }
    List<IndicatorPattern> patterns = new ArrayList<>();
    for (Definition definition : raw.patterns) {
      patterns.add(pattern(definition));
    }
    return new Indicator(raw.id, category, effect, weight, patterns);
  }

  /**
   * {@code group ~N group}: a group is alternatives joined by |, each a word, a class or a phrase
   * (words in a row; quotes are optional); {@code ~0} puts the next group right after.
   */
  private IndicatorPattern pattern(Definition definition) {
    int line = definition.line();
    List<IndicatorPattern.Slot> slots = new ArrayList<>();
    List<Integer> gaps = new ArrayList<>();
    List<int[][]> alternatives = new ArrayList<>();
    List<String> words = new ArrayList<>();
    int gap = 0;
    for (String item : items(definition)) {
      boolean proximity = item.matches("~\\d+");
      if (item.equals("|") || proximity) {
        if (words.isEmpty()) {
          throw error(line, "'" + item + "' with no word before it: " + definition.value());
        }
        alternatives.addAll(alternativesOf(words, line));
        words.clear();
        if (proximity) {
          slots.add(new IndicatorPattern.Slot(alternatives.toArray(int[][][]::new)));
          gaps.add(gap);
          alternatives = new ArrayList<>();
          gap = Integer.parseInt(item.substring(1));
        }
      } else if (item.startsWith("\"")) {
        for (String word : item.substring(1, item.length() - 1).strip().split("\\s+")) {
          if (!word.isEmpty()) {
            words.add(word);
          }
        }
      } else {
        words.add(item);
      }
    }
    if (words.isEmpty()) {
      throw error(line, "pattern ends without a word: " + definition.value());
    }
    alternatives.addAll(alternativesOf(words, line));
    slots.add(new IndicatorPattern.Slot(alternatives.toArray(int[][][]::new)));
    gaps.add(gap);
    return new IndicatorPattern(definition.value(), slots, gaps);
  }

  /** One alternative: a class stands for its own alternatives, anything else is a phrase. */
  private List<int[][]> alternativesOf(List<String> words, int line) {
    if (words.size() == 1 && words.getFirst().startsWith("@")) {
      return resolveClass(words.getFirst().substring(1), line);
    }
    return java.util.Collections.singletonList(phrase(String.join(" ", words), line));
  }

  /** Splits a pattern into words, quoted phrases, '|' and '~N'. */
  private List<String> items(Definition definition) {
    List<String> items = new ArrayList<>();
    String value = definition.value();
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int end = value.indexOf('"', i + 1);
        if (end < 0) {
          throw error(definition.line(), "unclosed quote");
        }
        items.add(value.substring(i, end + 1));
        i = end + 1;
      } else if (c == '|') {
        items.add("|");
        i++;
      } else {
        int end = i;
        while (end < value.length()
            && !Character.isWhitespace(value.charAt(end))
            && value.charAt(end) != '|'
            && value.charAt(end) != '"') {
          end++;
        }
        items.add(value.substring(i, end));
        i = end;
      }
    }
    return items;
  }

  /** Words in a row; each word is a term or a class (whose alternatives must be single words). */
  private int[][] phrase(String text, int line) {
    List<int[]> positions = new ArrayList<>();
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (word.startsWith("@")) {
        List<int[][]> alternatives = resolveClass(word.substring(1), line);
        List<Integer> ids = new ArrayList<>();
        for (int[][] alternative : alternatives) {
          if (alternative.length != 1) {
            throw error(
                line, "class @" + word.substring(1) + " has phrases: it cannot stand in a phrase");
          }
          for (int id : alternative[0]) {
            ids.add(id);
          }
        }
        positions.add(ids.stream().mapToInt(Integer::intValue).toArray());
      } else {
        positions.addAll(termPositions(word, line));
      }
    }
    if (positions.isEmpty()) {
      throw error(line, "empty phrase");
    }
    return positions.toArray(int[][]::new);
  }

  /** One written word: usually one term; a word the tokenizer splits becomes a short phrase. */
  private List<int[]> termPositions(String word, int line) {
    if (word.equals("#")) {
      return List.of(new int[] {term(Term.Kind.NUMBER, "#", List.of(), 0, 999_999)});
    }
    if (word.equals("#minor")) {
      return List.of(new int[] {term(Term.Kind.AGE, "#minor", List.of(), 1, 17)});
    }
    if (word.startsWith("#")) {
      String[] range = word.substring(1).split("-");
      try {
        return List.of(
            new int[] {
              term(
                  Term.Kind.NUMBER,
                  word,
                  List.of(),
                  Integer.parseInt(range[0]),
                  Integer.parseInt(range[range.length - 1]))
            });
      } catch (NumberFormatException e) {
        throw error(line, "number terms are #, #minor or #from-to, not " + word);
      }
    }
    Term.Kind kind = Term.Kind.WORD;
    String text = word;
    if (text.startsWith("=")) {
      kind = Term.Kind.EXACT;
      text = text.substring(1);
    } else if (text.length() > 2 && text.startsWith("*") && text.endsWith("*")) {
      kind = Term.Kind.INFIX;
      text = text.substring(1, text.length() - 1);
    } else if (text.length() > 1 && text.endsWith("*")) {
      kind = Term.Kind.PREFIX;
      text = text.substring(0, text.length() - 1);
    }
    List<String> folded = joined(TextAnalysis.termTexts(folding, text));
    if (folded.isEmpty()) {
      throw error(line, "'" + word + "' has no letters to match");
    }
    if (folded.size() > 1 && kind != Term.Kind.WORD && kind != Term.Kind.EXACT) {
      throw error(line, "'" + word + "' is several words: write them as a phrase");
    }
    List<int[]> positions = new ArrayList<>();
    for (String part : folded) {
      List<String> stems =
          kind == Term.Kind.WORD
              ? TextAnalysis.termTexts(stemming, folded.size() == 1 ? text : part)
              : List.of();
      positions.add(new int[] {term(kind, part, stems, 0, 0)});
    }
    return positions;
  }

  /** A term's words joined as a message's would be (Persian می‌خوام, خفه‌ام: one word each). */
  private List<String> joined(List<String> words) {
    List<String> out = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (i + 1 < words.size() && rules.joinPrefixes().contains(word)) {
        word = word + words.get(++i);
      }
      while (i + 1 < words.size() && rules.joinSuffixes().contains(words.get(i + 1))) {
        word = word + words.get(++i);
      }
      out.add(word);
    }
    return out;
  }

  private int term(Term.Kind kind, String text, List<String> stems, int min, int max) {
    String key = Term.key(kind, text, min, max);
    Term existing = termsByKey.get(key);
    if (existing != null) {
      return existing.id();
    }
    Term term = new Term(terms.size(), kind, text, List.copyOf(stems), min, max);
    terms.add(term);
    termsByKey.put(key, term);
    return term.id();
  }

  private List<int[][]> resolveClass(String name, int line) {
    List<int[][]> resolved = resolvedClasses.get(name);
    if (resolved != null) {
      return resolved;
    }
    Definition definition = classDefinitions.get(name);
    if (definition == null) {
      throw error(line, "unknown word class @" + name);
    }
    if (!resolving.add(name)) {
      throw error(definition.line(), "word class @" + name + " refers to itself");
    }
    List<int[][]> alternatives = new ArrayList<>();
    for (String alternative : definition.value().split("\\|")) {
      String text = alternative.strip();
      if (text.startsWith("\"") && text.endsWith("\"") && text.length() > 1) {
        text = text.substring(1, text.length() - 1);
      }
      if (text.isEmpty()) {
        throw error(definition.line(), "empty alternative in @" + name);
      }
      if (text.startsWith("@") && !text.contains(" ")) {
        alternatives.addAll(resolveClass(text.substring(1), definition.line()));
      } else {
        alternatives.add(phrase(text, definition.line()));
      }
    }
    resolving.remove(name);
    resolvedClasses.put(name, alternatives);
    return alternatives;
  }

  /** The single-word terms of a class the engine uses itself (negators, age words, subjects). */
  private int[] classTerms(String name) {
    if (!classDefinitions.containsKey(name)) {
      return new int[0];
    }
    return resolveClass(name, classDefinitions.get(name).line()).stream()
        .filter(alternative -> alternative.length == 1)
        .flatMapToInt(alternative -> java.util.Arrays.stream(alternative[0]))
        .distinct()
        .toArray();
  }

  private Map<Subject, int[]> subjectTerms() {
    Map<Subject, int[]> subjects = new EnumMap<>(Subject.class);
    subjects.put(Subject.SELF, classTerms("self"));
    subjects.put(Subject.RELATIVE, classTerms("relative"));
    subjects.put(Subject.CHILD, classTerms("child"));
    return subjects;
  }

  private IllegalArgumentException error(int line, String message) {
    return new IllegalArgumentException(source + " line " + line + ": " + message);
  }
}

package dev.selam.benchmarks;

import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A large synthetic knowledge base: articles whose words are drawn from the seed articles of the
 * same language (so analysis and term statistics stay realistic), with a skewed word frequency.
 */
final class GeneratedArticles {
  private GeneratedArticles() {}

  static List<Article> generate(List<Article> seed, int count, long randomSeed) {
    Map<String, List<String>> vocabulary = new HashMap<>();
    for (Article article : seed) {
      List<String> words = vocabulary.computeIfAbsent(article.language(), l -> new ArrayList<>());
      for (String word : (article.title() + " " + article.body()).split("[\\s\\p{Punct}]+")) {
        if (word.length() > 2) {
          words.add(word);
        }
      }
    }
    List<String> languages = new ArrayList<>(vocabulary.keySet());
    languages.sort(null);
    Random random = new Random(randomSeed);
    List<Article> out = new ArrayList<>(seed);
    for (int i = 0; i < count; i++) {
      String language = languages.get(i % languages.size());
      List<String> words = vocabulary.get(language);
      List<String> questions = new ArrayList<>();
      for (int q = 0; q < 5; q++) {
        questions.add(text(words, random, 7));
      }
      out.add(
          new Article(
              "generated-" + i,
              language,
              text(words, random, 5),
              text(words, random, 160),
              List.of(text(words, random, 10).split(" ")),
              questions,
              ArticleStatus.PUBLISHED,
              1,
              false,
              ""));
    }
    return out;
  }

  private static String text(List<String> words, Random random, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      // Squaring the uniform draw skews towards the front: frequent words stay frequent.
      double u = random.nextDouble();
      out.append(words.get((int) (u * u * words.size()))).append(' ');
    }
    return out.toString().strip();
  }
}

package dev.selam.knowledge.content;

import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.parser.Parser;

/**
 * The on-disk form of an article, {@code <topic>/<lang>.md}: YAML front matter (title, keywords,
 * example questions, review, review_note) and a Markdown body.
 *
 * <pre>
 * ---
 * title: Emergency numbers
 * keywords: emergency, police, 112
 * questions:
 *   - who do I call in an emergency?
 * review: false
 * ---
 * Body...
 * </pre>
 */
public final class ContentFile {
  public static final int MAX_BODY_CHARS = 10_000;
  public static final int MAX_TITLE_CHARS = 200;
  private static final Set<String> KEYS =
      Set.of("title", "keywords", "questions", "status", "review", "review_note");
  private static final Parser FRONT_MATTER =
      Parser.builder().extensions(List.of(YamlFrontMatterExtension.create())).build();

  private ContentFile() {}

  /** Parses one file's text, or throws {@link ContentProblem} saying what is wrong. */
  public static Article parse(String file, String topic, String language, String text) {
    String normalised = text.replace("\r\n", "\n");
    if (normalised.startsWith("\uFEFF")) {
      normalised = normalised.substring(1);
    }
    if (!normalised.startsWith("---\n")) {
      throw new ContentProblem(file, "must start with a '---' front matter line");
    }
    int end = normalised.indexOf("\n---\n", 3);
    if (end < 0) {
      throw new ContentProblem(file, "front matter is not closed with a '---' line");
    }
    String header = normalised.substring(0, end + 5);
    String body = normalised.substring(end + 5).strip();
    checkHeaderLines(file, normalised.substring(4, end));

    YamlFrontMatterVisitor visitor = new YamlFrontMatterVisitor();
    FRONT_MATTER.parse(header).accept(visitor);
    Map<String, List<String>> data = visitor.getData();

    String title = single(data, "title");
    if (title.isBlank()) {
      throw new ContentProblem(file, "title is missing");
    }
    if (title.length() > MAX_TITLE_CHARS) {
      throw new ContentProblem(file, "title is longer than " + MAX_TITLE_CHARS + " characters");
    }
    if (body.isEmpty()) {
      throw new ContentProblem(file, "body is empty");
    }
    if (body.length() > MAX_BODY_CHARS) {
      throw new ContentProblem(
          file, "body is " + body.length() + " characters; the limit is " + MAX_BODY_CHARS);
    }
    ArticleStatus status;
    try {
      String raw = single(data, "status");
      status = raw.isEmpty() ? ArticleStatus.PUBLISHED : ArticleStatus.fromDb(raw);
    } catch (IllegalArgumentException e) {
      throw new ContentProblem(file, "status must be draft, published or archived");
    }
    String review = single(data, "review");
    if (!review.isEmpty() && !review.equals("true") && !review.equals("false")) {
      throw new ContentProblem(file, "review must be true or false, not '" + review + "'");
    }
    return new Article(
        topic,
        language,
        title,
        body,
        keywords(single(data, "keywords")),
        data.getOrDefault("questions", List.of()).stream()
            .map(String::strip)
            .filter(q -> !q.isEmpty())
            .toList(),
        status,
        1,
        review.equals("true"),
        single(data, "review_note"));
  }

  /** Writes an article back in the same form. */
  public static String write(Article article) {
    StringBuilder out = new StringBuilder("---\n");
    out.append("title: ").append(yamlScalar(article.title())).append('\n');
    out.append("keywords: ").append(yamlScalar(String.join(", ", article.keywords()))).append('\n');
    if (!article.questions().isEmpty()) {
      out.append("questions:\n");
      article.questions().forEach(q -> out.append("  - ").append(yamlScalar(q)).append('\n'));
    }
    if (article.status() != ArticleStatus.PUBLISHED) {
      out.append("status: ").append(article.status().dbValue()).append('\n');
    }
    out.append("review: ").append(article.needsReview()).append('\n');
    if (!article.reviewNote().isBlank()) {
      out.append("review_note: ").append(yamlScalar(article.reviewNote())).append('\n');
    }
    return out.append("---\n").append(article.body().strip()).append('\n').toString();
  }

  private static void checkHeaderLines(String file, String header) {
    int lineNumber = 1;
    for (String line : header.split("\n")) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#") || line.startsWith("  - ")) {
        continue; // comments, and items of a list such as questions
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
        throw new ContentProblem(file, "line " + lineNumber + ": expected 'key: value'");
      }
      String key = line.substring(0, colon).trim();
      if (!KEYS.contains(key)) {
        throw new ContentProblem(
            file, "line " + lineNumber + ": unknown key '" + key + "' (allowed: " + KEYS + ")");
      }
    }
  }

  private static String single(Map<String, List<String>> data, String key) {
    List<String> values = data.getOrDefault(key, List.of());
    return values.isEmpty() ? "" : values.get(0).strip();
  }

  static List<String> keywords(String line) {
    List<String> out = new ArrayList<>();
    Arrays.stream(line.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .distinct()
        .forEach(out::add);
    return out;
  }

  private static String yamlScalar(String value) {
    boolean plain =
        !value.isEmpty()
            && !value.contains(": ")
            && !value.contains(" #")
            && "-?:,[]{}#&*!|>'\"%@`".indexOf(value.charAt(0)) < 0;
    return plain ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

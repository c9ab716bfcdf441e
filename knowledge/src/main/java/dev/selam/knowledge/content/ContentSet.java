package dev.selam.knowledge.content;

import dev.selam.knowledge.article.Article;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A set of content files read and validated as a whole: every problem is reported with its file,
 * and a set with any problem is not imported at all (no half-imported knowledge base).
 */
public record ContentSet(List<Article> articles, List<ContentProblem> problems) {
  private static final Pattern LANGUAGE_FILE = Pattern.compile("[a-z]{2,3}\\.md");

  public boolean valid() {
    return problems.isEmpty();
  }

  /** Reads {@code dir/<topic>/<lang>.md}; folders starting with '_' hold other content. */
  public static ContentSet read(Path dir, Topics topics, Set<String> languages) {
    List<Article> articles = new ArrayList<>();
    List<ContentProblem> problems = new ArrayList<>();
    Path root;
    try {
      root = dir.toRealPath();
    } catch (IOException e) {
      return new ContentSet(List.of(), List.of(new ContentProblem(dir.toString(), "not readable")));
    }
    try (Stream<Path> topicDirs = Files.list(root)) {
      for (Path topicDir : topicDirs.sorted().toList()) {
        String topic = topicDir.getFileName().toString();
        if (topic.startsWith("_") || topic.startsWith(".") || !Files.isDirectory(topicDir)) {
          continue;
        }
        if (!topics.contains(topic)) {
          problems.add(new ContentProblem(topic + "/", "unknown topic (not in topics.tsv)"));
          continue;
        }
        readTopic(root, topicDir, topic, languages, articles, problems);
      }
    } catch (IOException e) {
      problems.add(new ContentProblem(dir.toString(), "cannot list: " + e.getMessage()));
    }
    return new ContentSet(List.copyOf(articles), List.copyOf(problems));
  }

  private static void readTopic(
      Path root,
      Path topicDir,
      String topic,
      Set<String> languages,
      List<Article> articles,
      List<ContentProblem> problems)
      throws IOException {
    try (Stream<Path> files = Files.list(topicDir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        String label = topic + "/" + name;
        if (!LANGUAGE_FILE.matcher(name).matches()) {
          problems.add(new ContentProblem(label, "expected <language>.md"));
          continue;
        }
        String language = name.substring(0, name.length() - 3);
        if (!languages.contains(language)) {
          problems.add(new ContentProblem(label, "language '" + language + "' is not configured"));
          continue;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
            || !file.toRealPath().startsWith(root)) {
          problems.add(new ContentProblem(label, "not a regular file inside the content folder"));
          continue;
        }
        if (Files.size(file) > 4L * ContentFile.MAX_BODY_CHARS) {
          problems.add(new ContentProblem(label, "file is too large"));
          continue;
        }
        try {
          articles.add(
              ContentFile.parse(label, topic, language, utf8(label, Files.readAllBytes(file))));
        } catch (ContentProblem problem) {
          problems.add(problem);
        }
      }
    }
  }

  /**
   * Reads files given by name ({@code <topic>/<lang>.md}) and text, as an upload brings them: the
   * same checks as {@link #read}, every problem named by its file.
   */
  public static ContentSet fromFiles(
      java.util.Map<String, String> files, Topics topics, Set<String> languages) {
    List<Article> articles = new ArrayList<>();
    List<ContentProblem> problems = new ArrayList<>();
    new java.util.TreeMap<>(files)
        .forEach(
            (label, text) -> {
              String[] parts = label.split("/", -1);
              if (parts.length != 2 || !LANGUAGE_FILE.matcher(parts[1]).matches()) {
                problems.add(new ContentProblem(label, "expected <topic>/<language>.md"));
                return;
              }
              String topic = parts[0];
              String language = parts[1].substring(0, parts[1].length() - 3);
              if (!topics.contains(topic)) {
                problems.add(new ContentProblem(label, "unknown topic (not in topics.tsv)"));
              } else if (!languages.contains(language)) {
                problems.add(
                    new ContentProblem(label, "language '" + language + "' is not configured"));
              } else if (text.length() > 4L * ContentFile.MAX_BODY_CHARS) {
                problems.add(new ContentProblem(label, "file is too large"));
              } else {
                try {
                  articles.add(ContentFile.parse(label, topic, language, text));
                } catch (ContentProblem problem) {
                  problems.add(problem);
                }
              }
            });
    if (files.isEmpty()) {
      problems.add(new ContentProblem("(upload)", "no files"));
    }
    return new ContentSet(List.copyOf(articles), List.copyOf(problems));
  }

  /** The seed content shipped in the jar: every topic in every language present. */
  public static ContentSet bundled(Topics topics, Set<String> languages) {
    List<Article> articles = new ArrayList<>();
    List<ContentProblem> problems = new ArrayList<>();
    for (String topic : topics.ids()) {
      for (String language : languages) {
        String resource = "/content/" + topic + "/" + language + ".md";
        try (InputStream in = ContentSet.class.getResourceAsStream(resource)) {
          if (in != null) {
            String label = topic + "/" + language + ".md";
            articles.add(ContentFile.parse(label, topic, language, utf8(label, in.readAllBytes())));
          }
        } catch (ContentProblem problem) {
          problems.add(problem);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new ContentSet(List.copyOf(articles), List.copyOf(problems));
  }

  private static String utf8(String label, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ContentProblem(label, "is not valid UTF-8");
    }
  }
}

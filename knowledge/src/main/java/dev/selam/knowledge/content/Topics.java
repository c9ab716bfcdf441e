package dev.selam.knowledge.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The topics the knowledge base knows ({@code content/topics.tsv}: id, what it covers). An article
 * for a topic not listed is refused, so a typo in a folder name cannot hide an article.
 */
public record Topics(Map<String, String> descriptions) {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public static Topics parse(String tsv) {
    Map<String, String> topics = new LinkedHashMap<>();
    for (String line : tsv.split("\n")) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("topic\t")) {
        continue;
      }
      String[] cells = line.split("\t", 2);
      String id = cells[0].strip();
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("topics.tsv: bad topic id '" + id + "'");
      }
      topics.put(id, cells.length > 1 ? cells[1].strip() : "");
    }
    return new Topics(Map.copyOf(topics));
  }

  /** The topics shipped with the seed content. */
  public static Topics bundled() {
    try (InputStream in = Topics.class.getResourceAsStream("/content/topics.tsv")) {
      if (in == null) {
        throw new IllegalStateException("content/topics.tsv is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean contains(String topic) {
    return descriptions.containsKey(topic);
  }

  public java.util.Set<String> ids() {
    return new java.util.TreeSet<>(descriptions.keySet());
  }
}

package dev.selam.knowledge.content;

import dev.selam.knowledge.article.Article;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** Writes articles in the content layout ({@code <topic>/<lang>.md}) that import reads. */
public final class ContentExport {
  private static final java.util.regex.Pattern SAFE_NAME =
      java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private ContentExport() {}

  public static int write(Collection<Article> articles, Path dir) throws IOException {
    Files.createDirectories(dir);
    int written = 0;
    for (Article article : articles) {
      if (!SAFE_NAME.matcher(article.topic()).matches()
          || !SAFE_NAME.matcher(article.language()).matches()) {
        throw new IllegalArgumentException("unsafe article name: " + article.id());
      }
      Path topicDir = dir.resolve(article.topic());
      Files.createDirectories(topicDir);
      Files.writeString(
          topicDir.resolve(article.language() + ".md"),
          ContentFile.write(article),
          StandardCharsets.UTF_8);
      written++;
    }
    return written;
  }
}

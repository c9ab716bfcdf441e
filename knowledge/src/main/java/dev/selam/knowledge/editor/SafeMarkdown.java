package dev.selam.knowledge.editor;

import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to HTML as people are shown it: CommonMark, raw HTML in the text escaped (never passed
 * through), link and image URLs limited to safe schemes. Its output is the only HTML the editor
 * screen inserts.
 */
final class SafeMarkdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .escapeHtml(true)
          .sanitizeUrls(true)
          .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto", "tel")))
          .build();

  private SafeMarkdown() {}

  static String html(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }
}

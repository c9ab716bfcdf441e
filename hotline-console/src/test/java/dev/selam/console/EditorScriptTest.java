package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The editor screen's script puts people's and editors' text on the page only as text: no HTML sink
 * anywhere in it, and no code built from strings. (The browser test shows the behaviour; this keeps
 * a later change from adding a sink the browser test does not happen to reach.)
 */
class EditorScriptTest {
  static String resource(String name) throws IOException {
    try (InputStream in = EditorScriptTest.class.getResourceAsStream("/console/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void editorScriptHasNoHtmlSinkAndNoEval() throws IOException {
    for (String name : new String[] {"editor.js", "editor-i18n.js"}) {
      String script = resource(name);
      assertThat(script)
          .as(name)
          .doesNotContain(".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write")
          .doesNotContain("eval(", "new Function", "setAttribute('on", "srcdoc");
    }
  }

  @Test
  void editorIsAModuleThatExportsItsMountFunction() throws IOException {
    assertThat(resource("editor.js"))
        .contains("export function mountEditor(container, { api, language")
        .contains("from './editor-i18n.js'");
    assertThat(resource("editor.css")).contains(".kb-editor");
  }
}

package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The admins' and supervisors' screens put text on the page only as text (no HTML sink, no code
 * from strings), and every word they use is there in each of the console's languages.
 */
class AdminScriptTest {
  static final String[] SCRIPTS = {"staff.js", "settings.js", "audit.js", "canned.js"};
  static final Pattern KEY = Pattern.compile("'([a-zA-Z]+\\.[a-zA-Z.]+)':");
  static final Pattern USED = Pattern.compile("t\\('([a-zA-Z]+\\.[a-zA-Z.]+)'\\)");

  @Test
  void screensHaveNoHtmlSinkAndNoEval() throws IOException {
    for (String name : SCRIPTS) {
      assertThat(EditorScriptTest.resource(name))
          .as(name)
          .doesNotContain(".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write")
          .doesNotContain("eval(", "new Function", "setAttribute('on", "srcdoc");
    }
  }

  @Test
  void everyTextIsThereInEnglishTurkishAndArabic() throws IOException {
    String texts = EditorScriptTest.resource("admin-texts.js");
    int tr = texts.indexOf("\n  tr: {");
    int ar = texts.indexOf("\n  ar: {");
    Set<String> en = keys(texts.substring(0, tr));
    assertThat(keys(texts.substring(tr, ar))).as("tr").isEqualTo(en);
    assertThat(keys(texts.substring(ar))).as("ar").isEqualTo(en);

    Set<String> known = new TreeSet<>(en);
    known.addAll(keys(EditorScriptTest.resource("work-texts.js")));
    for (String name : SCRIPTS) {
      Matcher used = USED.matcher(EditorScriptTest.resource(name));
      while (used.find()) {
        assertThat(known).as(name).contains(used.group(1));
      }
    }
  }

  static Set<String> keys(String block) {
    Set<String> keys = new TreeSet<>();
    Matcher matcher = KEY.matcher(block);
    while (matcher.find()) {
      keys.add(matcher.group(1));
    }
    return keys;
  }
}

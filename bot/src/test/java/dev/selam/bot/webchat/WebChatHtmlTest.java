package dev.selam.bot.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WebChatHtmlTest {
  @Test
  void telegramTagsBecomeStylesAndEscapedTextStaysText() {
    JsonArray runs = WebChatHtml.runs("<b>Call 112</b> &lt;script&gt;x&lt;/script&gt; &amp; more");

    assertThat(runs.getJsonObject(0))
        .isEqualTo(new JsonObject().put("text", "Call 112").put("b", true));
    assertThat(runs.getJsonObject(1).getString("text")).isEqualTo(" <script>x</script> & more");
    assertThat(runs.getJsonObject(1).containsKey("b")).isFalse();
  }

  @Test
  void onlyWebAndPhoneLinksAreLinks() {
    JsonArray safe = WebChatHtml.runs("<a href=\"https://example.org/a?b=1&amp;c=2\">site</a>");
    JsonArray script = WebChatHtml.runs("<a href=\"javascript:alert(1)\">click</a>");

    assertThat(safe.getJsonObject(0).getString("href")).isEqualTo("https://example.org/a?b=1&c=2");
    assertThat(script).hasSize(1);
    assertThat(script.getJsonObject(0).containsKey("href")).isFalse();
    assertThat(script.getJsonObject(0).getString("text"))
        .isEqualTo("<a href=\"javascript:alert(1)\">click");
  }
}

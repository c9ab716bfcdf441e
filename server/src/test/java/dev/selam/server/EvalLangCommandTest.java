package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalLangCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(Map<String, String> env, String... args) {
    return Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  Path set() throws Exception {
    Path tsv = dir.resolve("set.tsv");
    Files.writeString(
        tsv,
        """
        lang\ttext
        en\tCould you tell me where the nearest hospital is?
        ru\tПодскажите, где ближайшая больница?
        tr\t👍
        """);
    return tsv;
  }

  @Test
  void lastLineIsOneJsonObjectWithTheFigures() throws Exception {
    assertThat(run(Map.of(), "eval", "lang", set().toString())).isZero();
    List<String> lines = out.toString().lines().toList();
    JsonObject summary = new JsonObject(lines.get(lines.size() - 1));
    assertThat(summary.getString("eval")).isEqualTo("lang");
    assertThat(summary.getInteger("n")).isEqualTo(3);
    assertThat(summary.getDouble("accuracy")).isEqualTo(0.6667);
    assertThat(summary.getJsonObject("by_lang").getDouble("ru")).isEqualTo(1.0);
    assertThat(summary.getJsonObject("confusions").getJsonObject("tr").getInteger("und"))
        .isEqualTo(1);
    assertThat(out.toString()).doesNotContain("miss");
  }

  @Test
  void detailsPrintEachMissBeforeTheFigures() throws Exception {
    assertThat(run(Map.of(), "eval", "lang", set().toString(), "--details")).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("miss line 4: expected tr, got und");
    assertThat(new JsonObject(lines.get(1)).getString("eval")).isEqualTo("lang");
  }

  @Test
  void aMissingFileIsAUsageError() {
    assertThat(run(Map.of(), "eval", "lang", dir.resolve("none.tsv").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Cannot read");
  }

  @Test
  void aWrongLanguageSettingIsAConfigurationError() throws Exception {
    assertThat(run(Map.of("SELAM_LANGUAGES", "en,xx"), "eval", "lang", set().toString()))
        .isEqualTo(Main.CONFIG_ERROR);
    assertThat(err.toString()).contains("SELAM_LANGUAGES");
  }
}

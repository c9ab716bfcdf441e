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

class EvalRiskCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  Path set(String... rows) throws Exception {
    Path file = dir.resolve("risk.tsv");
    Files.writeString(file, "lang\tlevel\tcategory\ttext\n" + String.join("\n", rows) + "\n");
    return file;
  }

  @Test
  void lastLineIsTheJsonSummaryAndDetailsListMissesFirst() throws Exception {
    Path file =
        set(
            "en\thigh\tviolence\tmy husband beats me every night",
            "en\thigh\tself-harm\tI feel a little blue today",
            "ru\tnone\tnone\tгде ближайшая аптека?");

    assertThat(run("eval", "risk", file.toString(), "--details")).isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines.getFirst()).startsWith("miss line 3 [en]").contains("expected high, got none");
    JsonObject summary = new JsonObject(lines.getLast());
    assertThat(summary.getString("eval")).isEqualTo("risk");
    assertThat(summary.getInteger("n")).isEqualTo(3);
    assertThat(summary.getDouble("high_recall")).isEqualTo(0.5);
    assertThat(summary.getDouble("false_alarm")).isEqualTo(0.0);
    assertThat(summary.getJsonObject("by_lang").fieldNames()).containsExactlyInAnyOrder("en", "ru");
  }

  @Test
  void withoutDetailsOnlyTheSummaryIsPrinted() throws Exception {
    assertThat(run("eval", "risk", set("en\tnone\tnone\thello").toString())).isZero();
    assertThat(out.toString().lines().toList()).hasSize(1);
  }

  @Test
  void malformedFileIsAUsageErrorNamingTheLine() throws Exception {
    assertThat(run("eval", "risk", set("en\thigh\tviolence").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("line 2");
    assertThat(run("eval", "risk", dir.resolve("missing.tsv").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("No such file");
  }
}

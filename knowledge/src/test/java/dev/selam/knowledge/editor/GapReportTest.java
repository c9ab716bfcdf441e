package dev.selam.knowledge.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.knowledge.gaps.UnansweredQuestions.Unanswered;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapReportTest {
  static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  static Unanswered asked(String language, String question, int minutesAgo) {
    return new Unanswered(language, question, null, 0.1, NOW.minusMinutes(minutesAgo));
  }

  @Test
  void similarWordingGroupsTogetherEvenWithoutAccentsAndTheBiggestGroupComesFirst() {
    JsonObject report =
        GapReport.of(
            List.of(
                asked("tr", "otobüs kartı nereden alınır", 1),
                asked("tr", "kütüphane kartı için ne lazım", 2),
                asked("tr", "otobus karti nereden alinir acaba", 3),
                asked("ar", "أين أجد مكتبة", 4)));

    JsonObject turkish = report.getJsonArray("languages").getJsonObject(0);
    assertThat(turkish.getString("language")).isEqualTo("tr");
    assertThat(turkish.getInteger("count")).isEqualTo(3);
    JsonObject biggest = turkish.getJsonArray("groups").getJsonObject(0);
    assertThat(biggest.getInteger("count")).isEqualTo(2);
    assertThat(biggest.getString("wording")).isEqualTo("otobüs kartı nereden alınır");
    assertThat(biggest.getString("lastAskedAt")).isEqualTo(NOW.minusMinutes(1).toString());
    assertThat(turkish.getJsonArray("groups")).hasSize(2);
    assertThat(report.getJsonArray("languages").getJsonObject(1).getString("language"))
        .isEqualTo("ar");
  }

  @Test
  void questionsSharingFewWordsStayApart() {
    assertThat(
            GapReport.similarity(
                GapReport.words("where is the bus card office"),
                GapReport.words("where is the hospital")))
        .isLessThan(GapReport.SAME_WORDING);
  }
}

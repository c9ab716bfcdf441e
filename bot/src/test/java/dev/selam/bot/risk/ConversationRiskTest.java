package dev.selam.bot.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.risk.RiskLevel;
import dev.selam.knowledge.analysis.LanguageAnalyzers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConversationRiskTest {
  static RiskAssessor assessor;

  @BeforeAll
  static void load() {
    assessor = RiskAssessor.load(LanguageAnalyzers.SUPPORTED);
  }

  ConversationRisk after(String... messages) {
    ConversationRisk risk = assessor.newConversation();
    for (String message : messages) {
      risk = risk.add(assessor.assess(message, "en"));
    }
    return risk;
  }

  @Test
  void levelNeverGoesDownWithHarmlessMessages() {
    ConversationRisk risk =
        after("I want to kill myself", "thank you", "where is the migration office?");
    assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
  }

  @Test
  void indicatorsSpreadOverMessagesAddUp() {
    ConversationRisk first = after("my boss has not paid me for four months");
    assertThat(first.level()).isEqualTo(RiskLevel.MEDIUM);

    ConversationRisk both =
        first.add(
            assessor.assess(
                "yesterday he warned me that his friends know where my parents live", "en"));
    assertThat(both.level()).isEqualTo(RiskLevel.HIGH);
    assertThat(both.raisedFrom(first)).isTrue();
    assertThat(both.indicators())
        .extracting(MatchedIndicator::id)
        .contains("wages-withheld", "threat-denounce");
  }

  @Test
  void aMessageAboutThePastKeepsItsOwnLevelButAddsNothing() {
    ConversationRisk risk =
        after(
            "three years ago a farmer had me working without salary",
            "someone told me the boss can find out where my children are");
    assertThat(risk.level()).isEqualTo(RiskLevel.MEDIUM);
  }

  @Test
  void askingForAPersonMakesTheConversationMedium() {
    ConversationRisk risk = after("hello", "/person");
    assertThat(risk.level()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(risk.reasons().encode()).contains("asks-for-person");
  }

  @Test
  void aRestoredConversationKeepsItsLevel() {
    ConversationRisk restored = assessor.restoredConversation(RiskLevel.HIGH, 7.5);
    ConversationRisk next = restored.add(assessor.assess("thanks", "en"));
    assertThat(next.level()).isEqualTo(RiskLevel.HIGH);
    assertThat(next.score()).isEqualTo(7.5);
    assertThat(next.raisedFrom(restored)).isFalse();
  }
}

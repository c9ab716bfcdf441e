package dev.selam.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.terminal.TerminalChat;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal chat (in this package for the dialogue fixture): the same dialogue as Telegram,
 * buttons pressed by number.
 */
@ExtendWith(VertxExtension.class)
class TerminalChatTest {
  @TempDir Path dataDir;

  @Test
  void startThenAMenuButtonByNumberShowsTheArticle(Vertx vertx) throws Exception {
    try (var fixture = new DialogueFixture(vertx, dataDir)) {
      StringWriter screen = new StringWriter();
      TerminalChat chat =
          new TerminalChat(
              vertx, fixture.dialogue, fixture.outbox, new PrintWriter(screen), "editor", null);

      chat.run(new BufferedReader(new StringReader("/start\n1\n/quit\nnever read\n")));

      String shown = screen.toString();
      String title = fixture.kb.article("residence-permit", "en").await().orElseThrow().title();
      assertThat(shown).contains("Hello!").contains("[1] ").contains(title);
      assertThat(shown).doesNotContain("<b>");
      assertThat(fixture.outbox.pendingCount(TerminalChat.CHANNEL).await()).isZero();
    }
  }
}

package dev.selam.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.storage.DatabaseTextScan;
import dev.selam.core.storage.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone with a copy of the database (the H2 file's bytes, or every PostgreSQL row as text) but
 * not the keys learns no message text, no chat id and no TOTP secret.
 */
class EncryptionAtRestTest {
  static final long CHAT = 7_318_204_417L;
  static final String NAME = "Gulnarahanim";
  static final String PHONE = "05553217788";

  @TempDir Path dataDir;
  WebhookService bot;

  @BeforeEach
  void start() {
    bot = WebhookService.start(dataDir);
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  @Test
  void theStoredDatabaseHoldsNoMessageTextChatIdOrTotpSecretInClear() throws Exception {
    // given a person's messages with their name and phone number, answered and escalated
    webhook(1, 21, "hello, I am " + NAME + " and I need a work permit");
    webhook(2, 22, "my boss took my passport and locks the door, call me on " + PHONE);
    webhook(3, 23, "I am afraid, he says he will hurt my family");
    Await.until(() -> bot.telegram.sentMessages().size() >= 3);
    Await.until(
        () -> bot.count("SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NULL") == 0);
    // and a staff member who enrolled a TOTP second factor
    String totpSecret = InitialAdmin.enrol(bot.client, dataDir).totpSecret();
    String clearControl = asciiArticleTitle();
    DatabaseTextScan scan = new DatabaseTextScan(bot.service.database, bot.service.cipher());
    assertThat(scan.find(PHONE)).contains("message.body (decrypted)");
    assertThat(scan.find(totpSecret)).contains("staff_user.totp_secret (decrypted)");

    // when someone reads what the service stored
    List<String> needles = List.of(NAME, PHONE, String.valueOf(CHAT), totpSecret);
    String stored;
    if (TestDatabase.postgres()) {
      bot.service.stopService();
      stored = everyRowAsText();
    } else {
      bot.service.stopService(); // H2 writes its file completely on close
      stored = everyFileUnder(dataDir);
    }

    // then they find articles (stored in clear: the check can see text) but none of the rest
    assertThat(stored.contains(clearControl)).as("stored data holds %s", clearControl).isTrue();
    for (String needle : needles) {
      assertThat(stored.contains(needle)).as("stored data holds %s", needle).isFalse();
    }
  }

  private void webhook(long updateId, int messageId, String text) {
    bot.webhook(TelegramUpdates.message(updateId, CHAT, messageId, text));
  }

  /** Every byte of every file the service keeps, as Latin-1 so no byte sequence is lost. */
  private static String everyFileUnder(Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
    // UTF-8 text read as Latin-1 keeps ASCII as it is: the needles are ASCII
    return all.toString();
  }

  /** Every row of every table in the test's schema, as PostgreSQL prints it. */
  private String everyRowAsText() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection c = bot.service.database.connect();
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>(DatabaseTextScan.textColumns(c).keySet());
      try (ResultSet rs =
          c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          if (!tables.contains(rs.getString("TABLE_NAME"))) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
      }
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT CAST(t AS text) FROM " + table + " t")) {
          while (rs.next()) {
            all.append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    return all.toString();
  }

  /**
   * An article title (stored in clear, being public) in plain ASCII, as the file's bytes hold it.
   */
  private String asciiArticleTitle() throws Exception {
    try (Connection c = bot.service.database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT title FROM article ORDER BY id")) {
      while (rs.next()) {
        String title = rs.getString(1);
        if (title.chars().allMatch(ch -> ch >= 32 && ch < 127) && title.length() > 12) {
          return title;
        }
      }
    }
    throw new IllegalStateException("no ASCII article title");
  }
}

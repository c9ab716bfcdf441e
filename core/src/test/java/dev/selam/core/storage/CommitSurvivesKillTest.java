package dev.selam.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit the embedded database confirmed is still there after the process is killed (SIGKILL):
 * the guarantee behind answering Telegram only once an update is stored.
 */
class CommitSurvivesKillTest {
  @TempDir Path tempDir;

  @Test
  void everyConfirmedCommitSurvivesAKilledProcess() throws Exception {
    String url = DatabaseSettings.of("jdbc:h2:file:" + tempDir.resolve("killed"), "", "", 1).url();
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Writer.class.getName(),
                url)
            .redirectErrorStream(true)
            .start();
    long lastConfirmed = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          lastConfirmed = Long.parseLong(line.substring(10));
          if (lastConfirmed >= 300) {
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            break;
          }
        }
      }
    }
    writer.waitFor(30, TimeUnit.SECONDS);
    assertThat(lastConfirmed).isGreaterThanOrEqualTo(300);

    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM probe WHERE id <= " + lastConfirmed)) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(lastConfirmed + 1);
    }
  }

  /** The process to kill: commits rows one by one and says so after each commit. */
  public static final class Writer {
    public static void main(String[] args) throws Exception {
      try (Connection c = DriverManager.getConnection(args[0]);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE probe (id BIGINT PRIMARY KEY)");
        PreparedStatement insert = c.prepareStatement("INSERT INTO probe VALUES (?)");
        for (long id = 0; ; id++) {
          insert.setLong(1, id);
          insert.executeUpdate();
          System.out.println("committed " + id);
          System.out.flush();
        }
      }
    }
  }
}

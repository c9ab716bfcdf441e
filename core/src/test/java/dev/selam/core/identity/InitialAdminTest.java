package dev.selam.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.selam.core.config.DataDirectory;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
class InitialAdminTest {
  @TempDir Path tempDir;
  IdentityFixture fx;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    fx = new IdentityFixture(vertx, tempDir);
    logs.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    fx.close();
  }

  @Test
  void firstStartCreatesAnAdminWhosePasswordIsOnlyInAPrivateFile(Vertx vertx) throws Exception {
    DataDirectory dataDir = new DataDirectory(tempDir);

    Path file = InitialAdmin.ensure(vertx, fx.accounts(), dataDir).await().orElseThrow();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Properties content = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      content.load(reader);
    }
    String password = content.getProperty("password");
    assertThat(content.getProperty("username")).isEqualTo("admin");
    var outcome = fx.identity.authenticator().signIn("admin", password, null, "t").await();
    assertThat(outcome)
        .isInstanceOfSatisfying(
            SignInOutcome.SignedIn.class,
            signedIn -> {
              assertThat(signedIn.account().roles()).containsExactly(Role.ADMIN);
              assertThat(signedIn.account().mustChangePassword()).isTrue();
            });

    assertThat(logs.list)
        .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(file.toString()));
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage() + event.getKeyValuePairs()).doesNotContain(password);
    }
  }

  @Test
  void laterStartsLeaveExistingStaffAlone(Vertx vertx) {
    fx.create("root", Role.ADMIN);
    assertThat(InitialAdmin.ensure(vertx, fx.accounts(), new DataDirectory(tempDir)).await())
        .isEmpty();
    assertThat(fx.accounts().findByUsername("admin").await()).isEmpty();
  }
}

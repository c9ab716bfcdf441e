package dev.selam.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.audit.AuditLog;
import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.escalation.HotlineHours;
import dev.selam.core.identity.TestClock;
import dev.selam.core.retention.RetentionPurge;
import dev.selam.core.retention.RetentionSettings;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings an admin stores override the environment's, for the running service and for every
 * replica on the same database, and are checked by the environment's own parsers.
 */
@ExtendWith(VertxExtension.class)
class HotlineSettingsTest {
  // A Saturday, 12:00 in Istanbul (UTC+3), 09:00 in London (UTC+0 in January).
  static final Instant SATURDAY_NOON_ISTANBUL = Instant.parse("2026-01-10T09:00:00Z");
  static final HotlineSettings.Defaults ENVIRONMENT =
      HotlineSettings.Defaults.from(
          Settings.of(
              Map.of(
                  HotlineHours.HOURS, "Mon-Fri 09:00-18:00",
                  HotlineHours.TIMEZONE, "Europe/Istanbul")));

  @TempDir Path tempDir;
  TestDatabase testDb;
  Database db;
  TestClock clock = new TestClock(SATURDAY_NOON_ISTANBUL);
  HotlineSettings settings;
  HotlineSettings otherReplica;

  @BeforeEach
  void setUp() {
    testDb = TestDatabase.create(tempDir);
    db = Database.open(Vertx.vertx(), testDb.settings()).await();
    settings = new HotlineSettings(db.pool(), new AuditLog(db.pool(), clock), ENVIRONMENT, clock);
    otherReplica =
        new HotlineSettings(db.pool(), new AuditLog(db.pool(), clock), ENVIRONMENT, clock);
  }

  @AfterEach
  void tearDown() {
    db.close();
    testDb.close();
  }

  static Map<String, String> values(String hours, String timezone, String retention) {
    Map<String, String> values = new HashMap<>();
    values.put(HotlineSettings.HOURS, hours);
    values.put(HotlineSettings.TIMEZONE, timezone);
    values.put(HotlineSettings.RETENTION, retention);
    return values;
  }

  @Test
  void withNothingStoredTheEnvironmentHolds() {
    HotlineSettings.Current current = settings.current().await();

    assertThat(current.value(HotlineSettings.HOURS)).isEqualTo("Mon-Fri 09:00-18:00");
    assertThat(current.value(HotlineSettings.TIMEZONE)).isEqualTo("Europe/Istanbul");
    assertThat(current.value(HotlineSettings.RETENTION))
        .isEqualTo(RetentionSettings.DEFAULT_RETENTION);
    assertThat(current.overridden()).isEmpty();
    assertThat(settings.hours().await().isOpen(clock.instant())).isFalse();
    assertThat(settings.retention().await()).isEqualTo(Duration.ofDays(90));
  }

  @Test
  void aStoredChangeTakesEffectAtOnceHereAndOnAnotherReplica() {
    // given both replicas read the environment's hours: closed on Saturday
    assertThat(otherReplica.hours().await().isOpen(clock.instant())).isFalse();

    // when an admin opens Saturdays, in London time, and shortens the retention
    settings.change(values("Sat 09:00-14:00", "Europe/London", "30d"), "root").await();

    // then both use the new values on their next question, without a restart
    for (HotlineSettings replica : List.of(settings, otherReplica)) {
      HotlineHours hours = replica.hours().await();
      assertThat(hours.zone().getId()).isEqualTo("Europe/London");
      assertThat(hours.isOpen(clock.instant())).isTrue(); // 09:00 in London
      assertThat(hours.isOpen(clock.instant().minus(Duration.ofMinutes(1)))).isFalse();
      assertThat(replica.retention().await()).isEqualTo(Duration.ofDays(30));
    }
    assertThat(settings.current().await().overridden())
        .containsExactlyInAnyOrder("hours", "timezone", "retention");
    var event = new AuditLog(db.pool(), clock).page(null, 1).await().get(0);
    assertThat(event.action()).isEqualTo(HotlineSettings.CHANGED);
    assertThat(event.actor()).isEqualTo("root");
    assertThat(event.detailsJson().encode()).contains("Sat 09:00-14:00").contains("30d");
    assertThat(new AuditLog(db.pool(), clock).verify().await().intact()).isTrue();
  }

  @Test
  void nullReturnsASettingToTheEnvironmentsValue() {
    settings.change(values("always", "Europe/London", "30d"), "root").await();

    settings.change(values(null, "Europe/London", null), "root").await();

    HotlineSettings.Current current = settings.current().await();
    assertThat(current.value(HotlineSettings.HOURS)).isEqualTo("Mon-Fri 09:00-18:00");
    assertThat(current.value(HotlineSettings.RETENTION)).isEqualTo("90d");
    assertThat(current.overridden()).containsExactly("timezone");
  }

  @Test
  void aValueTheEnvironmentWouldRefuseIsRefusedNamingTheFieldAndNothingChanges() {
    assertRefused(values("weekdays 9 to 5", null, null), "hours");
    assertRefused(values("Mon-Fry 09:00-18:00", null, null), "hours");
    assertRefused(values(null, "Istanbul", null), "timezone");
    assertRefused(values(null, null, "0s"), "retention");
    assertRefused(values(null, null, "soon"), "retention");
    assertRefused(values("   ", null, null), "hours");

    assertThat(settings.current().await().overridden()).isEmpty();
    assertThat(new AuditLog(db.pool(), clock).page(null, 10).await()).isEmpty();
  }

  @Test
  void changesMadeAtTheSameTimeOnTwoReplicasTakeTurns() {
    for (int round = 0; round < 5; round++) {
      var first = settings.change(values("always", null, "30d"), "root");
      var second = otherReplica.change(values("Mon-Sat 08:00-20:00", null, "45d"), "admin2");

      io.vertx.core.Future.join(first, second).await();

      assertThat(first.succeeded()).isTrue();
      assertThat(second.succeeded()).isTrue();
      assertThat(settings.current().await().value(HotlineSettings.HOURS))
          .isIn("always", "Mon-Sat 08:00-20:00");
    }
    assertThat(new AuditLog(db.pool(), clock).verify().await().intact()).isTrue();
  }

  @Test
  void thePurgeUsesTheRetentionInForceAtEachRun() {
    // given a message written 40 days ago
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    FieldCipher cipher = new FieldCipher(new KeyRing(List.of(DataKey.of("t1", raw))));
    ConversationStore conversations =
        new ConversationStore(db.pool(), cipher, new Pseudonymizer(raw), clock);
    conversations.recordInbound("telegram", "40021", "old words").await();
    clock.advance(Duration.ofDays(40));
    RetentionPurge purge = new RetentionPurge(db.pool(), clock);

    // the environment's 90 days keep it
    assertThat(purge.purgeNow(settings).await().messages()).isZero();

    // an admin's 30 days, set while the job runs, remove it on the next run
    settings.change(values(null, null, "30d"), "root").await();
    assertThat(purge.purgeNow(settings).await().messages()).isEqualTo(1);
  }

  void assertRefused(Map<String, String> change, String field) {
    assertThatThrownBy(() -> settings.change(change, "root").await())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo(field));
  }
}

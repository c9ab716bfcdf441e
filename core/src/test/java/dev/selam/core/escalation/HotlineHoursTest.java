package dev.selam.core.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HotlineHoursTest {
  static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

  static Instant istanbul(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), ISTANBUL).toInstant();
  }

  static HotlineHours hours(String spec) {
    return HotlineHours.parse(spec, ISTANBUL);
  }

  @Test
  void defaultIsAlwaysOpenInIstanbul() {
    HotlineHours hours = HotlineHours.from(Settings.of(Map.of()));
    assertThat(hours.alwaysOpen()).isTrue();
    assertThat(hours.zone()).isEqualTo(ISTANBUL);
    assertThat(hours.isOpen(Instant.parse("2026-01-04T03:00:00Z"))).isTrue();
    assertThat(hours.nextOpening(Instant.parse("2026-01-04T03:00:00Z"))).isEmpty();
  }

  @Test
  void officeHoursAreOpenInsideAndClosedOutside() {
    HotlineHours hours = hours("Mon-Fri 09:00-18:00");
    // 2026-03-02 is a Monday
    assertThat(hours.isOpen(istanbul("2026-03-02T09:00"))).isTrue();
    assertThat(hours.isOpen(istanbul("2026-03-02T17:59"))).isTrue();
    assertThat(hours.isOpen(istanbul("2026-03-02T18:00"))).isFalse();
    assertThat(hours.isOpen(istanbul("2026-03-02T08:59"))).isFalse();
    assertThat(hours.isOpen(istanbul("2026-03-07T12:00"))).isFalse(); // Saturday
  }

  @Test
  void nextOpeningAfterFridayEveningIsMondayMorning() {
    HotlineHours hours = hours("Mon-Fri 09:00-18:00");
    assertThat(hours.nextOpening(istanbul("2026-03-06T19:30")))
        .contains(ZonedDateTime.of(java.time.LocalDateTime.parse("2026-03-09T09:00"), ISTANBUL));
    assertThat(hours.nextOpening(istanbul("2026-03-04T07:00")))
        .contains(ZonedDateTime.of(java.time.LocalDateTime.parse("2026-03-04T09:00"), ISTANBUL));
    Instant open = istanbul("2026-03-04T10:00");
    assertThat(hours.nextOpening(open)).contains(open.atZone(ISTANBUL));
  }

  @Test
  void severalRulesAndARangePastMidnight() {
    HotlineHours hours = hours("Mon-Fri 09:00-18:00; Sat 10:00-14:00; Fri 20:00-02:00");
    assertThat(hours.isOpen(istanbul("2026-03-07T11:00"))).isTrue(); // Saturday morning
    assertThat(hours.isOpen(istanbul("2026-03-06T23:00"))).isTrue(); // Friday night
    assertThat(hours.isOpen(istanbul("2026-03-07T01:30"))).isTrue(); // still Friday's shift
    assertThat(hours.isOpen(istanbul("2026-03-07T02:30"))).isFalse();
    assertThat(hours.nextOpening(istanbul("2026-03-06T19:00")))
        .contains(ZonedDateTime.of(java.time.LocalDateTime.parse("2026-03-06T20:00"), ISTANBUL));
  }

  @Test
  void availabilityTellsWhetherSomeoneCanAnswerNow() {
    HotlineHours hours = hours("Mon-Fri 09:00-18:00");
    assertThat(hours.availability(istanbul("2026-03-02T10:00"), true).staffed()).isTrue();
    HotlineHours.Availability unstaffed = hours.availability(istanbul("2026-03-02T10:00"), false);
    assertThat(unstaffed.staffed()).isFalse();
    assertThat(unstaffed.nextOpening()).isEmpty();
    HotlineHours.Availability night = hours.availability(istanbul("2026-03-02T22:00"), true);
    assertThat(night.staffed()).isFalse();
    assertThat(night.nextOpening())
        .contains(ZonedDateTime.of(java.time.LocalDateTime.parse("2026-03-03T09:00"), ISTANBUL));
  }

  @Test
  void hoursAreReadInTheConfiguredZone() {
    HotlineHours london =
        HotlineHours.from(
            Settings.of(
                Map.of(
                    HotlineHours.HOURS, "Mon-Fri 09:00-17:00",
                    HotlineHours.TIMEZONE, "Europe/London")));
    // 09:30 in London is 12:30 in Istanbul
    assertThat(london.isOpen(Instant.parse("2026-03-02T09:30:00Z"))).isTrue();
    assertThat(london.isOpen(Instant.parse("2026-03-02T08:30:00Z"))).isFalse();
  }

  @Test
  void wrongValuesNameTheSetting() {
    assertThatThrownBy(
            () -> HotlineHours.from(Settings.of(Map.of(HotlineHours.HOURS, "weekdays 9 to 5"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(HotlineHours.HOURS);
    assertThatThrownBy(
            () -> HotlineHours.from(Settings.of(Map.of(HotlineHours.HOURS, "Mon-Fry 09:00-18:00"))))
        .hasMessageContaining("Fry");
    assertThatThrownBy(
            () -> HotlineHours.from(Settings.of(Map.of(HotlineHours.TIMEZONE, "Istanbul"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(HotlineHours.TIMEZONE);
    assertThatThrownBy(() -> hours("Mon 25:00-26:00")).hasMessageContaining("no such time");
  }
}

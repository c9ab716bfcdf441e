package dev.selam.bot.dialogue;

import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.i18n.Messages;
import dev.selam.core.escalation.CurrentHours;
import dev.selam.core.escalation.HotlineHours;
import dev.selam.core.escalation.OperatorsOnDuty;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a person is told when their conversation goes to a person: honestly whether someone is there
 * now, and if not, when the line opens, always with the emergency numbers.
 */
final class HandOver {
  private final Messages messages;
  private final CurrentHours hours;
  private final OperatorsOnDuty onDuty;
  private final Clock clock;

  HandOver(Messages messages, CurrentHours hours, OperatorsOnDuty onDuty, Clock clock) {
    this.messages = messages;
    this.hours = hours;
    this.onDuty = onDuty;
    this.clock = clock;
  }

  /**
   * Whether someone can answer now and, if not, when the line opens; by the hours in force now (an
   * admin may have changed them since the start).
   */
  Future<HotlineHours.Availability> availability() {
    return hours
        .hours()
        .compose(
            current ->
                onDuty.now().map(duty -> current.availability(clock.instant(), duty.anyone())));
  }

  /** After "talk to a person": queued, or when someone will answer. */
  List<OutboundMessage> queued(String language, HotlineHours.Availability availability) {
    if (availability.staffed()) {
      return List.of(OutboundMessage.Text.plain(messages.text(language, "person.queued")));
    }
    return List.of(unavailable(language, availability));
  }

  /**
   * After a message that signals danger: the safety message (what to do now, emergency numbers),
   * then, when nobody is there, when someone will answer.
   */
  List<OutboundMessage> safety(String language, HotlineHours.Availability availability) {
    OutboundMessage safety = OutboundMessage.Text.plain(messages.text(language, "safety.high"));
    return availability.staffed()
        ? List.of(safety)
        : List.of(safety, unavailable(language, availability));
  }

  private OutboundMessage unavailable(String language, HotlineHours.Availability availability) {
    return OutboundMessage.Text.plain(
        availability
            .nextOpening()
            .map(
                opening ->
                    messages.text(
                        language, "person.out_of_hours", Map.of("time", when(opening, language))))
            .orElseGet(() -> messages.text(language, "person.unstaffed")));
  }

  /** "Monday 09:00" in the person's language, in the hotline's time zone. */
  static String when(ZonedDateTime opening, String language) {
    Locale locale = Locale.forLanguageTag(language);
    return DateTimeFormatter.ofPattern("EEEE", locale).format(opening)
        + " "
        + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(opening);
  }
}

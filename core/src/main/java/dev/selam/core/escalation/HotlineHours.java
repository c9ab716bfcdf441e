package dev.selam.core.escalation;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import io.vertx.core.Future;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the hotline's operators work ({@code SELAM_HOTLINE_HOURS}, in {@code
 * SELAM_HOTLINE_TIMEZONE}): so that out of hours a person is told honestly when someone will
 * answer.
 *
 * <p>The hours are {@code always} (the default) or rules separated by {@code ;}, each days and a
 * time range: {@code Mon-Fri 09:00-18:00; Sat 10:00-14:00}. Days are Mon Tue Wed Thu Fri Sat Sun,
 * as a range ({@code Mon-Fri}), a list ({@code Mon,Wed}) or both; a range that ends at or before it
 * starts runs past midnight ({@code Fri 20:00-02:00} ends on Saturday), {@code 24:00} is midnight
 * at the end of the day.
 */
public final class HotlineHours implements CurrentHours {
  public static final String HOURS = "SELAM_HOTLINE_HOURS";
  public static final String TIMEZONE = "SELAM_HOTLINE_TIMEZONE";
  public static final String ALWAYS = "always";
  public static final String DEFAULT_TIMEZONE = "Europe/Istanbul";

  private static final Pattern RULE =
      Pattern.compile("([A-Za-z,\\-]+)\\s+(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  /** Opening on some days, from a minute of the day for a number of minutes (may pass midnight). */
  private record Window(Set<DayOfWeek> days, int startMinute, int minutes) {}

  private final List<Window> windows;
  private final ZoneId zone;
  private final String description;

  private HotlineHours(List<Window> windows, ZoneId zone, String description) {
    this.windows = List.copyOf(windows);
    this.zone = zone;
    this.description = description;
  }

  public static HotlineHours from(Settings settings) {
    ZoneId zone;
    String zoneName = settings.string(TIMEZONE, DEFAULT_TIMEZONE);
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw new ConfigException(
          TIMEZONE, "must be a time zone such as Europe/Istanbul, got '" + zoneName + "'");
    }
    String hours = settings.string(HOURS, ALWAYS);
    try {
      return parse(hours, zone);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(HOURS, e.getMessage());
    }
  }

  public static HotlineHours always(ZoneId zone) {
    return new HotlineHours(List.of(), zone, ALWAYS);
  }

  public static HotlineHours parse(String hours, ZoneId zone) {
    String spec = hours.strip();
    if (spec.equalsIgnoreCase(ALWAYS) || spec.equals("24/7")) {
      return always(zone);
    }
    List<Window> windows = new ArrayList<>();
    for (String part : spec.split(";")) {
      String rule = part.strip();
      if (rule.isEmpty()) {
        continue;
      }
      Matcher m = RULE.matcher(rule);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "must be 'always' or rules like 'Mon-Fri 09:00-18:00; Sat 10:00-14:00', got '"
                + rule
                + "'");
      }
      int start = minute(m.group(2), m.group(3), rule);
      int end = minute(m.group(4), m.group(5), rule);
      if (start == 24 * 60) {
        throw new IllegalArgumentException("a range cannot start at 24:00: '" + rule + "'");
      }
      int minutes = end > start ? end - start : end + 24 * 60 - start;
      windows.add(new Window(days(m.group(1), rule), start, minutes));
    }
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("no opening hours in '" + hours + "'");
    }
    return new HotlineHours(windows, zone, spec);
  }

  /** These hours, fixed (where nobody changes them at run time: tests, tools). */
  @Override
  public Future<HotlineHours> hours() {
    return Future.succeededFuture(this);
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean alwaysOpen() {
    return windows.isEmpty();
  }

  /** Whether {@code at} falls in the opening hours. */
  public boolean isOpen(Instant at) {
    if (alwaysOpen()) {
      return true;
    }
    ZonedDateTime local = at.atZone(zone);
    // a window that began yesterday (or earlier today) and is still running
    for (int daysBack = 0; daysBack <= 1; daysBack++) {
      LocalDate day = local.toLocalDate().minusDays(daysBack);
      for (Window window : windows) {
        if (window.days().contains(day.getDayOfWeek())) {
          ZonedDateTime opens = opening(day, window);
          if (!local.isBefore(opens) && local.isBefore(opens.plusMinutes(window.minutes()))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * When the line is next open: {@code at} itself while open, else the start of the next opening
   * hours (empty only if always open, where the question does not arise).
   */
  public Optional<ZonedDateTime> nextOpening(Instant at) {
    if (alwaysOpen()) {
      return Optional.empty();
    }
    ZonedDateTime local = at.atZone(zone);
    if (isOpen(at)) {
      return Optional.of(local);
    }
    ZonedDateTime best = null;
    for (int daysAhead = 0; daysAhead <= 7; daysAhead++) {
      LocalDate day = local.toLocalDate().plusDays(daysAhead);
      for (Window window : windows) {
        if (window.days().contains(day.getDayOfWeek())) {
          ZonedDateTime opens = opening(day, window);
          if (opens.isAfter(local) && (best == null || opens.isBefore(best))) {
            best = opens;
          }
        }
      }
      if (best != null) {
        return Optional.of(best);
      }
    }
    return Optional.empty();
  }

  /**
   * What to tell a person now: whether someone can answer (within hours and an operator on duty)
   * and, when not, the next opening if the line is closed (unknown while open but unstaffed).
   */
  public Availability availability(Instant at, boolean operatorOnDuty) {
    if (isOpen(at) && operatorOnDuty) {
      return new Availability(true, Optional.empty());
    }
    return new Availability(false, isOpen(at) ? Optional.empty() : nextOpening(at));
  }

  /** Whether a person can reach someone now, and if not, when the line next opens. */
  public record Availability(boolean staffed, Optional<ZonedDateTime> nextOpening) {}

  /** The wall-clock start on that day (a start in a daylight-saving gap moves forward). */
  private ZonedDateTime opening(LocalDate day, Window window) {
    return ZonedDateTime.of(day.atStartOfDay().plusMinutes(window.startMinute()), zone);
  }

  private static int minute(String hours, String minutes, String rule) {
    int h = Integer.parseInt(hours);
    int m = Integer.parseInt(minutes);
    if (h > 24 || m > 59 || (h == 24 && m != 0)) {
      throw new IllegalArgumentException("no such time in '" + rule + "'");
    }
    return h * 60 + m;
  }

  private static Set<DayOfWeek> days(String spec, String rule) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String item : spec.toLowerCase(Locale.ROOT).split(",")) {
      String[] range = item.split("-");
      if (range.length > 2 || range[0].isEmpty()) {
        throw new IllegalArgumentException(
            "days must be like Mon-Fri or Sat,Sun in '" + rule + "'");
      }
      int from = day(range[0], rule);
      int to = day(range[range.length - 1], rule);
      for (int d = from; ; d = (d + 1) % 7) {
        days.add(DayOfWeek.of(d + 1));
        if (d == to) {
          break;
        }
      }
    }
    return days;
  }

  private static int day(String name, String rule) {
    int index = DAYS.indexOf(name.length() > 3 ? name.substring(0, 3) : name);
    if (index < 0) {
      throw new IllegalArgumentException("unknown day '" + name + "' in '" + rule + "' (Mon..Sun)");
    }
    return index;
  }

  @Override
  public String toString() {
    return description + " (" + zone + ")";
  }
}

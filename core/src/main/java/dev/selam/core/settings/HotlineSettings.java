package dev.selam.core.settings;

import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import dev.selam.core.escalation.CurrentHours;
import dev.selam.core.escalation.HotlineHours;
import dev.selam.core.retention.CurrentRetention;
import dev.selam.core.retention.RetentionSettings;
import dev.selam.core.storage.SqlTime;
import dev.selam.core.storage.Transactions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hotline's opening hours, their time zone and the retention period, as admins set them in the
 * console over the environment's defaults ({@code SELAM_HOTLINE_HOURS}, {@code
 * SELAM_HOTLINE_TIMEZONE}, {@code SELAM_RETENTION}). A value is checked by the same parser as its
 * environment setting, so the console accepts exactly what the environment accepts.
 *
 * <p>Read on each use, not cached: the dialogue asks only when a conversation goes to a person and
 * the purge once per run, so one small query is cheap, and every replica sharing the database sees
 * a change at once, with no invalidation between them.
 */
public final class HotlineSettings implements CurrentHours, CurrentRetention {
  public static final String HOURS = "hours";
  public static final String TIMEZONE = "timezone";
  public static final String RETENTION = "retention";
  public static final List<String> NAMES = List.of(HOURS, TIMEZONE, RETENTION);
  public static final String CHANGED = "settings.changed";
  private static final int MAX_LENGTH = 1000;

  private static final Logger log = LoggerFactory.getLogger(HotlineSettings.class);

  private final Pool pool;
  private final AuditLog audit;
  private final Defaults defaults;
  private final Clock clock;

  public HotlineSettings(Pool pool, AuditLog audit, Defaults defaults, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.defaults = defaults;
    this.clock = clock;
  }

  /** The environment's values, in force where the console set none. */
  public record Defaults(String hours, String timezone, String retention) {
    /** Checked as at start: a wrong environment value stops the service, naming the setting. */
    public static Defaults from(Settings settings) {
      HotlineHours.from(settings);
      RetentionSettings.from(settings);
      return new Defaults(
          settings.string(HotlineHours.HOURS, HotlineHours.ALWAYS),
          settings.string(HotlineHours.TIMEZONE, HotlineHours.DEFAULT_TIMEZONE),
          settings.string(RetentionSettings.RETENTION, RetentionSettings.DEFAULT_RETENTION));
    }

    public Map<String, String> asMap() {
      return Map.of(HOURS, hours, TIMEZONE, timezone, RETENTION, retention);
    }
  }

  /**
   * The values in force (as text, and the hours and retention they mean, parsed once), which of
   * them the console set, and the defaults under them.
   */
  public record Current(
      Map<String, String> values,
      Set<String> overridden,
      Defaults defaults,
      HotlineHours openingHours,
      Duration retention) {
    public Current {
      values = Map.copyOf(values);
      overridden = Set.copyOf(overridden);
    }

    /** Parses {@code values}; a value that does not parse throws, naming its field. */
    static Current of(Map<String, String> values, Set<String> overridden, Defaults defaults) {
      return new Current(
          values,
          overridden,
          defaults,
          parseHours(values.get(HOURS), values.get(TIMEZONE)),
          parseRetention(values.get(RETENTION)));
    }

    public String value(String name) {
      return values.get(name);
    }
  }

  public Defaults defaults() {
    return defaults;
  }

  public Future<Current> current() {
    return pool.query("SELECT name, setting FROM hotline_setting").execute().map(this::merge);
  }

  @Override
  public Future<HotlineHours> hours() {
    return current().map(Current::openingHours);
  }

  @Override
  public Future<Duration> retention() {
    return current().map(Current::retention);
  }

  /**
   * Sets the named values; a null value returns that setting to its default. Checked first, all
   * together (the hours with the time zone they will run in), then stored with one audit event.
   *
   * @throws ConfigException (in the future) naming the field when a value is not acceptable
   */
  public Future<Current> change(Map<String, String> changes, String actor) {
    return Future.succeededFuture(changes)
        .compose(this::checked)
        .compose(
            checked ->
                Transactions.withRetry(pool, conn -> store(conn, checked, actor))
                    .onSuccess(
                        ok ->
                            log.atInfo()
                                .addKeyValue("event", "settings.changed")
                                .addKeyValue("settings", String.join(",", checked.keySet()))
                                .log("hotline settings changed")))
        .compose(ok -> current());
  }

  private Future<Map<String, String>> checked(Map<String, String> changes) {
    Map<String, String> checked = new LinkedHashMap<>();
    for (String name : NAMES) {
      if (!changes.containsKey(name)) {
        continue;
      }
      String value = changes.get(name);
      if (value != null) {
        value = value.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
          throw new ConfigException(name, "must have 1 to " + MAX_LENGTH + " characters");
        }
      }
      checked.put(name, value);
    }
    TreeSet<String> unknown = new TreeSet<>(changes.keySet());
    unknown.removeAll(NAMES);
    if (!unknown.isEmpty()) {
      throw new ConfigException(unknown.first(), "is not a setting the console can change");
    }
    return current()
        .map(
            now -> {
              Map<String, String> after = new HashMap<>(now.values());
              checked.forEach(
                  (name, value) ->
                      after.put(name, value == null ? defaults.asMap().get(name) : value));
              parseHours(after.get(HOURS), after.get(TIMEZONE));
              parseRetention(after.get(RETENTION));
              return checked;
            });
  }

  /**
   * The audit event first: appending locks the chain's head, so changes from several admins or
   * replicas at once take turns, and each one's delete-then-insert sees the one before committed.
   */
  private Future<Long> store(SqlConnection conn, Map<String, String> checked, String actor) {
    JsonObject details = new JsonObject();
    checked.forEach((name, value) -> details.put(name, value == null ? "(default)" : value));
    Future<Long> done =
        audit.append(conn, AuditEntry.of(actor, CHANGED, "hotline").with("values", details));
    for (Map.Entry<String, String> change : checked.entrySet()) {
      String name = change.getKey();
      String value = change.getValue();
      done =
          done.compose(
              seq ->
                  conn.preparedQuery("DELETE FROM hotline_setting WHERE name = ?")
                      .execute(Tuple.of(name))
                      .map(seq));
      if (value != null) {
        done =
            done.compose(
                seq ->
                    conn.preparedQuery(
                            "INSERT INTO hotline_setting (name, setting, updated_by, updated_at)"
                                + " VALUES (?, ?, ?, ?)")
                        .execute(Tuple.of(name, value, actor, SqlTime.utc(clock.instant())))
                        .map(seq));
      }
    }
    return done;
  }

  /** Stored values over the defaults; a stored value that no longer parses is skipped, loudly. */
  private Current merge(Iterable<Row> rows) {
    Map<String, String> values = new HashMap<>(defaults.asMap());
    Set<String> overridden = new TreeSet<>();
    for (Row row : rows) {
      String name = row.getString("name");
      if (NAMES.contains(name)) {
        values.put(name, row.getString("setting"));
        overridden.add(name);
      }
    }
    try {
      return Current.of(values, overridden, defaults);
    } catch (ConfigException e) {
      // Only a hand-edited row can get here: every write is checked.
      log.atWarn()
          .addKeyValue("event", "settings.unusable")
          .addKeyValue("setting", e.setting())
          .log("a stored hotline setting is not usable; the environment's values hold");
      return Current.of(defaults.asMap(), Set.of(), defaults);
    }
  }

  /** Opening hours by {@code SELAM_HOTLINE_HOURS}' own parser, an error naming our field. */
  static HotlineHours parseHours(String hours, String timezone) {
    try {
      return HotlineHours.from(
          Settings.of(Map.of(HotlineHours.HOURS, hours, HotlineHours.TIMEZONE, timezone)));
    } catch (ConfigException e) {
      throw new ConfigException(
          HotlineHours.TIMEZONE.equals(e.setting()) ? TIMEZONE : HOURS, e.problem());
    }
  }

  /** The retention period by {@code SELAM_RETENTION}'s own parser, an error naming our field. */
  static Duration parseRetention(String retention) {
    try {
      return RetentionSettings.from(Settings.of(Map.of(RetentionSettings.RETENTION, retention)))
          .retention();
    } catch (ConfigException e) {
      throw new ConfigException(RETENTION, e.problem());
    }
  }
}

package dev.selam.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Raw {@code SELAM_*} settings from the environment, over an optional properties file. Each feature
 * reads its own typed settings once at start; a wrong value fails with the setting's name.
 */
public final class Settings {
  public static final String CONFIG_FILE = "SELAM_CONFIG_FILE";
  private static final String PREFIX = "SELAM_";

  private final Map<String, String> values;
  private final Set<String> read = ConcurrentHashMap.newKeySet();

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Settings from a map, e.g. the process environment or a test's own values. */
  public static Settings of(Map<String, String> values) {
    Map<String, String> selam = new HashMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(PREFIX) && value != null) {
            selam.put(key, value.trim());
          }
        });
    return new Settings(selam);
  }

  /**
   * The environment over the file named by {@code configFile} (or {@code SELAM_CONFIG_FILE}), so a
   * deployment can keep defaults in a file and override single values per replica.
   */
  public static Settings load(Map<String, String> environment, Optional<Path> configFile) {
    Optional<Path> file =
        configFile.or(
            () ->
                Optional.ofNullable(environment.get(CONFIG_FILE))
                    .filter(s -> !s.isBlank())
                    .map(Path::of));
    Map<String, String> merged = new HashMap<>();
    file.ifPresent(path -> merged.putAll(readFile(path)));
    merged.putAll(environment);
    return of(merged);
  }

  private static Map<String, String> readFile(Path path) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE, "cannot read " + path + " (" + e.getMessage() + ")");
    }
    Map<String, String> map = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (!name.startsWith(PREFIX)) {
        throw new ConfigException(
            name, "unknown setting in " + path + " (settings start with SELAM_)");
      }
      map.put(name, properties.getProperty(name));
    }
    return map;
  }

  public Optional<String> optional(String name) {
    read.add(name);
    return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
  }

  public String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public String required(String name, String why) {
    return optional(name).orElseThrow(() -> new ConfigException(name, "is required " + why));
  }

  public int integer(String name, int fallback, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          name, "must be a whole number from " + min + " to " + max + ", got '" + raw.get() + "'");
    }
  }

  public boolean bool(String name, boolean fallback) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(name, "must be true or false, got '" + raw.get() + "'");
    };
  }

  /** A duration as ISO-8601 ({@code PT30M}) or a number with a unit: 90s, 30m, 12h, 30d. */
  public Duration duration(String name, Duration fallback) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    String text = raw.get().toLowerCase(java.util.Locale.ROOT);
    try {
      if (text.startsWith("p")) {
        return Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
      }
      long amount = Long.parseLong(text.substring(0, text.length() - 1));
      Duration value =
          switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new NumberFormatException();
          };
      if (value.isNegative()) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new ConfigException(
          name, "must be a duration such as 90s, 30m, 12h or 30d, got '" + raw.get() + "'");
    }
  }

  /** Settings present but never read: most likely a typo, worth a warning at start. */
  public Set<String> unread() {
    Set<String> unread = new TreeSet<>(values.keySet());
    unread.removeAll(read);
    unread.remove(CONFIG_FILE);
    return unread;
  }
}

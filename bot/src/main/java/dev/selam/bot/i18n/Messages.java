package dev.selam.bot.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the bot says, per language, from {@code i18n/messages_<code>.properties} (UTF-8, ICU
 * MessageFormat with named arguments). A key missing in one language falls back to the default
 * language's text, so a half-translated bundle still speaks.
 */
public final class Messages {
  private static final String RESOURCE = "/i18n/messages_%s.properties";

  private final String defaultLanguage;
  private final Map<String, Map<String, String>> patterns;

  private Messages(String defaultLanguage, Map<String, Map<String, String>> patterns) {
    this.defaultLanguage = defaultLanguage;
    this.patterns = Map.copyOf(patterns);
  }

  /**
   * Loads and checks the bundles of these languages: a pattern that does not parse fails here, at
   * start, not when a person is waiting for the text.
   */
  public static Messages load(List<String> languages, String defaultLanguage) {
    if (!languages.contains(defaultLanguage)) {
      throw new IllegalArgumentException(defaultLanguage + " is not among " + languages);
    }
    Map<String, Map<String, String>> patterns = new HashMap<>();
    for (String language : languages) {
      Map<String, String> bundle = read(language);
      ULocale locale = new ULocale(language);
      bundle.forEach(
          (key, pattern) -> {
            try {
              new MessageFormat(pattern, locale);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(
                  bundleResource(language) + ": " + key + " does not parse: " + e.getMessage(), e);
            }
          });
      patterns.put(language, Map.copyOf(bundle));
    }
    return new Messages(defaultLanguage, patterns);
  }

  public static boolean hasBundle(String language) {
    return Messages.class.getResource(bundleResource(language)) != null;
  }

  public static String bundleResource(String language) {
    return RESOURCE.formatted(language);
  }

  /** A text without arguments. */
  public String text(String language, String key) {
    return text(language, key, Map.of());
  }

  /**
   * The text for {@code key} in {@code language} (else in the default language), with {@code args}
   * filled in by name: {@code {days}}, {@code {name}}.
   */
  public String text(String language, String key, Map<String, Object> args) {
    String lang = patterns.containsKey(language) ? language : defaultLanguage;
    String pattern = patterns.get(lang).get(key);
    if (pattern == null) {
      lang = defaultLanguage;
      pattern = patterns.get(lang).get(key);
    }
    if (pattern == null) {
      throw new IllegalArgumentException("no message '" + key + "'");
    }
    // A MessageFormat is not thread-safe; building one per text is cheap next to sending it.
    return new MessageFormat(pattern, new ULocale(lang)).format(args);
  }

  /**
   * A text as a channel words it: {@code <key>.<channel>} (e.g. {@code privacy.notice.webchat})
   * when a bundle has it, else the key's own text. What differs between channels (what the person's
   * app can see, how a command is typed) lives in the bundles, not in the dialogue.
   */
  public String channelText(String language, String key, String channel, Map<String, Object> args) {
    String channelKey = key + "." + channel;
    boolean worded =
        patterns.getOrDefault(language, Map.of()).containsKey(channelKey)
            || patterns.get(defaultLanguage).containsKey(channelKey);
    return text(language, worded ? channelKey : key, args);
  }

  /** Right to left for Arabic, Persian and every other language ICU knows to be written so. */
  public TextDirection textDirection(String language) {
    return new ULocale(language).isRightToLeft() ? TextDirection.RTL : TextDirection.LTR;
  }

  public String defaultLanguage() {
    return defaultLanguage;
  }

  /** The languages loaded, in no particular order. */
  public Set<String> languages() {
    return patterns.keySet();
  }

  /** The keys a language's own bundle defines (without fallbacks). */
  public Set<String> keys(String language) {
    return new TreeSet<>(patterns.getOrDefault(language, Map.of()).keySet());
  }

  /** The raw pattern a language's own bundle has for a key, for checks and tools. */
  public String pattern(String language, String key) {
    return patterns.getOrDefault(language, Map.of()).get(key);
  }

  private static Map<String, String> read(String language) {
    String resource = bundleResource(language);
    InputStream in = Messages.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("no message bundle " + resource);
    }
    Properties properties = new Properties();
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    Map<String, String> bundle = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      bundle.put(key, properties.getProperty(key));
    }
    return bundle;
  }
}

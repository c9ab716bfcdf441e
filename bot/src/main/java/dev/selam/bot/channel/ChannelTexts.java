package dev.selam.bot.channel;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The texts a channel itself shows (not the dialogue's): looked up by language and key through a
 * {@code (language, key) -> text} function the dialogue's message bundles provide.
 *
 * @param lookup gives the text for a language and key, or null when it has none
 * @param languages the languages the service speaks, e.g. {@code en, tr, ar, ru, fa, uk}
 * @param fallback the language used when a person's is not among them
 */
public record ChannelTexts(
    BiFunction<String, String, String> lookup, List<String> languages, String fallback) {
  /** Told once to a group: the bot works only in private chat. */
  public static final String GROUP_PRIVATE_ONLY = "group.private_only";

  /** The command menu, in this order; the key's suffix is the command. */
  public static final List<String> COMMANDS =
      List.of(
          "command.start",
          "command.help",
          "command.menu",
          "command.language",
          "command.person",
          "command.erase");

  private static final Map<String, String> ENGLISH =
      Map.of(
          GROUP_PRIVATE_ONLY,
          "I only talk in private chats. Please write to me directly.",
          "command.start",
          "Start",
          "command.help",
          "Help",
          "command.menu",
          "Menu",
          "command.language",
          "Language",
          "command.person",
          "Talk to a person",
          "command.erase",
          "Erase my data");

  public ChannelTexts {
    Objects.requireNonNull(lookup, "lookup");
    languages = List.copyOf(languages);
    Objects.requireNonNull(fallback, "fallback");
  }

  /**
   * Neutral English for every key above, whatever the language: what runs until the dialogue's
   * bundles exist.
   */
  public static ChannelTexts englishOnly() {
    return new ChannelTexts((language, key) -> ENGLISH.get(key), List.of("en"), "en");
  }

  /** The text for a language and key, or null. */
  public String text(String language, String key) {
    return lookup.apply(language, key);
  }

  /** The command's name for a command key: {@code command.person} gives {@code person}. */
  public static String commandName(String key) {
    return key.substring(key.indexOf('.') + 1);
  }
}

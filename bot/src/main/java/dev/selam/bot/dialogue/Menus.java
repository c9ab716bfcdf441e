package dev.selam.bot.dialogue;

import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboundMessage.Button;
import dev.selam.bot.i18n.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bot's fixed screens: greeting, privacy notice, main menu, language choice, help. */
final class Menus {
  /** Callback data of every "talk to a person" button. */
  static final String PERSON = "person";

  /** Menu buttons and the callback each one sends: a topic's article, or a person. */
  static final Map<String, String> MENU_CALLBACKS =
      Map.of(
          "menu.rights", "topic:residence-permit",
          "menu.health", "topic:health-services",
          "menu.work", "topic:work-permit",
          "menu.emergency", "topic:emergency-numbers",
          "menu.safety", "topic:staying-safe",
          "menu.person", PERSON);

  private static final List<String> MENU_ORDER =
      List.of(
          "menu.rights",
          "menu.health",
          "menu.work",
          "menu.person",
          "menu.emergency",
          "menu.safety");

  private final Messages messages;

  Menus(Messages messages) {
    this.messages = messages;
  }

  Reply start(String language, boolean firstContact, String channel, int retentionDays) {
    List<OutboundMessage> out = new ArrayList<>();
    out.add(OutboundMessage.Text.plain(messages.text(language, "greeting")));
    out.add(
        OutboundMessage.Text.plain(
            messages.channelText(
                language, "privacy.notice", channel, Map.of("days", retentionDays))));
    if (firstContact) {
      out.add(languageChoice(language));
    }
    out.add(menu(language));
    return Reply.of(out);
  }

  OutboundMessage menu(String language) {
    List<List<Button>> rows = new ArrayList<>();
    for (int i = 0; i < MENU_ORDER.size(); i += 2) {
      List<Button> row = new ArrayList<>();
      for (String key : MENU_ORDER.subList(i, Math.min(i + 2, MENU_ORDER.size()))) {
        row.add(new Button(messages.text(language, key), MENU_CALLBACKS.get(key)));
      }
      rows.add(row);
    }
    return new OutboundMessage.Text(
        OutboundMessage.escape(messages.text(language, "menu.title")), rows);
  }

  OutboundMessage languageChoice(String language) {
    List<List<Button>> rows = new ArrayList<>();
    List<Button> row = new ArrayList<>();
    for (String option : messages.languages().stream().sorted().toList()) {
      row.add(new Button(messages.text(option, "language.name"), "lang:" + option));
      if (row.size() == 3) {
        rows.add(row);
        row = new ArrayList<>();
      }
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return new OutboundMessage.Text(
        OutboundMessage.escape(messages.text(language, "language.prompt")), rows);
  }

  OutboundMessage help(String language) {
    return OutboundMessage.Text.plain(messages.text(language, "help"));
  }

  /** A line of text with the "talk to a person" button under it. */
  OutboundMessage withPersonButton(String language, String key) {
    return new OutboundMessage.Text(
        OutboundMessage.escape(messages.text(language, key)), List.of(personRow(language)));
  }

  List<Button> personRow(String language) {
    return List.of(new Button(messages.text(language, "feedback.person"), PERSON));
  }
}

package dev.selam.bot.dialogue;

import dev.selam.bot.channel.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the bot answers to one message, before it is stored: the messages to send, the article
 * answered (for the feedback buttons and statistics) and a question to record for the editors' gap
 * report. Immutable; {@link #plus} adds messages.
 */
record Reply(
    List<OutboundMessage> messages,
    Optional<AnsweredTopic> answered,
    Optional<UnansweredQuestion> unanswered) {

  /** The article an answer came from. */
  record AnsweredTopic(String topic, String language) {}

  /** A question the knowledge base had no confident answer to. */
  record UnansweredQuestion(String language, String text, String bestTopic, double confidence) {}

  Reply {
    messages = List.copyOf(messages);
  }

  static Reply of(OutboundMessage... messages) {
    return new Reply(List.of(messages), Optional.empty(), Optional.empty());
  }

  static Reply of(List<OutboundMessage> messages) {
    return new Reply(messages, Optional.empty(), Optional.empty());
  }

  static Reply none() {
    return of(List.of());
  }

  Reply plus(List<OutboundMessage> more) {
    List<OutboundMessage> all = new ArrayList<>(messages);
    all.addAll(more);
    return new Reply(all, answered, unanswered);
  }

  /** The same reply with other messages first (a safety message before anything else). */
  Reply after(List<OutboundMessage> first) {
    List<OutboundMessage> all = new ArrayList<>(first);
    all.addAll(messages);
    return new Reply(all, answered, unanswered);
  }
}

package dev.selam.bot.risk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An indicator found in a message, with the words that showed it: what an operator reads to see at
 * a glance why a conversation was flagged.
 *
 * @param strength {@code high}, {@code medium} or {@code signal} (adds to others)
 */
public record MatchedIndicator(
    String id, String category, String strength, double weight, List<String> words) {

  public MatchedIndicator {
    words = List.copyOf(words);
  }

  /** With the words: for the operator (stored encrypted, since they are the person's words). */
  public JsonObject toJson() {
    return withoutWords().put("words", new JsonArray(words));
  }

  /** Without the words: safe for events and statistics. */
  public JsonObject withoutWords() {
    return new JsonObject()
        .put("indicator", id)
        .put("category", category)
        .put("strength", strength)
        .put("weight", weight);
  }
}

package dev.selam.knowledge.editor;

import dev.selam.knowledge.gaps.UnansweredQuestions.Unanswered;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Unanswered questions grouped by language, then by similar wording: two questions share a group
 * when half of their words (case and accents folded) are the same. Editors see which questions keep
 * coming back rather than a list of hundreds.
 */
final class GapReport {
  static final double SAME_WORDING = 0.5;
  static final int QUESTIONS_PER_GROUP = 20;

  private GapReport() {}

  /** A group of similar questions, the first (most recent) standing for them all. */
  private static final class Group {
    final Set<String> words;
    final List<Unanswered> questions = new ArrayList<>();

    Group(Unanswered first) {
      words = words(first.question());
      questions.add(first);
    }
  }

  /** {@code recent} newest first, as {@code UnansweredQuestions.recent} returns them. */
  static JsonObject of(List<Unanswered> recent) {
    Map<String, List<Group>> byLanguage = new LinkedHashMap<>();
    for (Unanswered question : recent) {
      List<Group> groups = byLanguage.computeIfAbsent(question.language(), l -> new ArrayList<>());
      Set<String> words = words(question.question());
      groups.stream()
          .filter(g -> similarity(g.words, words) >= SAME_WORDING)
          .findFirst()
          .ifPresentOrElse(g -> g.questions.add(question), () -> groups.add(new Group(question)));
    }
    JsonArray languages = new JsonArray();
    byLanguage.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, List<Group>>>comparingInt(e -> -count(e.getValue()))
                .thenComparing(Map.Entry::getKey))
        .forEach(
            entry -> {
              JsonArray groups = new JsonArray();
              entry.getValue().stream()
                  .sorted(Comparator.comparingInt(g -> -g.questions.size()))
                  .forEach(g -> groups.add(json(g)));
              languages.add(
                  new JsonObject()
                      .put("language", entry.getKey())
                      .put("count", count(entry.getValue()))
                      .put("groups", groups));
            });
    return new JsonObject().put("languages", languages);
  }

  private static JsonObject json(Group group) {
    Unanswered first = group.questions.get(0);
    Unanswered best =
        group.questions.stream()
            .max(Comparator.comparingDouble(Unanswered::bestConfidence))
            .orElse(first);
    return new JsonObject()
        .put("wording", first.question())
        .put("count", group.questions.size())
        .put(
            "questions",
            new JsonArray(
                group.questions.stream()
                    .limit(QUESTIONS_PER_GROUP)
                    .map(Unanswered::question)
                    .toList()))
        .put("bestTopic", best.bestTopic())
        .put("bestConfidence", best.bestConfidence())
        .put("lastAskedAt", first.at().toString());
  }

  private static int count(List<Group> groups) {
    return groups.stream().mapToInt(g -> g.questions.size()).sum();
  }

  static Set<String> words(String text) {
    String folded =
        Normalizer.normalize(text, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replace('ı', 'i');
    Set<String> words = new HashSet<>();
    for (String word : folded.split("[^\\p{L}\\p{N}]+")) {
      if (word.length() > 1) {
        words.add(word);
      }
    }
    return words;
  }

  static double similarity(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    Set<String> either = new HashSet<>(a);
    either.addAll(b);
    return (double) both.size() / either.size();
  }
}

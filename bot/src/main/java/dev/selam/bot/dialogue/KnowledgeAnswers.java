package dev.selam.bot.dialogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboundMessage.Button;
import dev.selam.bot.i18n.Messages;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleStatus;
import dev.selam.knowledge.search.SearchResult;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from the knowledge base: a confident article with feedback buttons, a few likely titles
 * when unsure, or an honest "I don't know" with the offer of a person.
 */
final class KnowledgeAnswers {
  private static final Logger log = LoggerFactory.getLogger(KnowledgeAnswers.class);

  /** What an article's rendering depends on. */
  private record Source(String title, String body) {}

  private final KnowledgeBase knowledge;
  private final Messages messages;
  private final Menus menus;
  // The same few hundred articles answer question after question: rendered once per text.
  private final Cache<Source, List<String>> rendered =
      Caffeine.newBuilder().maximumSize(2_000).build();

  KnowledgeAnswers(KnowledgeBase knowledge, Messages messages, Menus menus) {
    this.knowledge = knowledge;
    this.messages = messages;
    this.menus = menus;
  }

  /** A topic's article (a menu button or a suggestion), in English when not in the language. */
  Future<Reply> article(String topic, String language) {
    return knowledge
        .answerArticle(topic, language)
        .compose(
            found ->
                found.filter(KnowledgeAnswers::published).isPresent()
                    ? Future.succeededFuture(found)
                    : knowledge
                        .answerArticle(topic, "en")
                        .map(en -> en.filter(KnowledgeAnswers::published)))
        .map(
            found ->
                found
                    .map(a -> answer(a, language, !a.language().equals(language)))
                    .orElseGet(() -> noAnswer(language)));
  }

  Future<Reply> question(String text, String language) {
    return knowledge
        .search(text, language)
        .compose(
            result -> {
              Optional<SearchResult.Hit> best = result.answer();
              if (best.isPresent()) {
                SearchResult.Hit hit = best.get();
                return knowledge
                    .answerArticle(hit.topic(), hit.answerLanguage())
                    .map(
                        article ->
                            article
                                .map(a -> answer(a, language, hit.fallback()))
                                .orElseGet(() -> noAnswer(language)));
              }
              Reply reply =
                  result.suggestions().isEmpty()
                      ? noAnswer(language)
                      : suggestions(result.suggestions(), language);
              return Future.succeededFuture(
                  new Reply(
                      reply.messages(),
                      Optional.empty(),
                      Optional.of(
                          new Reply.UnansweredQuestion(
                              language,
                              text,
                              result.best().map(SearchResult.Hit::topic).orElse(null),
                              result.bestConfidence()))));
            });
  }

  Reply noAnswer(String language) {
    return Reply.of(menus.withPersonButton(language, "answer.none"));
  }

  private static boolean published(Article article) {
    return article.status() == ArticleStatus.PUBLISHED;
  }

  private Reply answer(Article article, String language, boolean fallback) {
    List<OutboundMessage> out = new ArrayList<>();
    if (fallback) {
      out.add(OutboundMessage.Text.plain(messages.text(language, "answer.in_english")));
    }
    List<String> parts =
        rendered.get(
            new Source(article.title(), article.body()),
            source ->
                List.copyOf(ArticleHtml.split(ArticleHtml.render(source.title(), source.body()))));
    for (int i = 0; i < parts.size(); i++) {
      boolean last = i == parts.size() - 1;
      out.add(
          new OutboundMessage.Text(
              parts.get(i),
              last ? feedbackButtons(article.topic(), article.language(), language) : List.of()));
    }
    log.atInfo()
        .addKeyValue("event", "dialogue.answered")
        .addKeyValue("topic", article.topic())
        .addKeyValue("language", article.language())
        .log("answered from the knowledge base");
    return new Reply(
        out,
        Optional.of(new Reply.AnsweredTopic(article.topic(), article.language())),
        Optional.empty());
  }

  private List<List<Button>> feedbackButtons(
      String topic, String articleLanguage, String language) {
    return List.of(
        List.of(
            new Button(
                messages.text(language, "feedback.helpful"),
                "fb:" + topic + ":" + articleLanguage + ":1"),
            new Button(
                messages.text(language, "feedback.not_helpful"),
                "fb:" + topic + ":" + articleLanguage + ":0")),
        menus.personRow(language));
  }

  private Reply suggestions(List<SearchResult.Hit> hits, String language) {
    List<List<Button>> rows = new ArrayList<>();
    for (SearchResult.Hit hit : hits) {
      rows.add(List.of(new Button(hit.title(), "topic:" + hit.topic())));
    }
    rows.add(menus.personRow(language));
    return Reply.of(
        new OutboundMessage.Text(
            OutboundMessage.escape(messages.text(language, "answer.weak_intro")), rows));
  }
}

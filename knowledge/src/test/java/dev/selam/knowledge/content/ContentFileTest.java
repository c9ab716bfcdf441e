package dev.selam.knowledge.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleStatus;
import org.junit.jupiter.api.Test;

class ContentFileTest {
  static final String GOOD =
      """
      ---
      title: Where to sleep tonight
      keywords: shelter, safe place, night
      questions:
        - is there a place to sleep
        - where is a shelter
      review: true
      review_note: check the shelter routes
      ---
      ## Now
      Call **112** in danger.
      """;

  @Test
  void parsesFrontMatterAndBody() {
    Article article = ContentFile.parse("shelter/en.md", "shelter", "en", GOOD);

    assertThat(article.title()).isEqualTo("Where to sleep tonight");
    assertThat(article.keywords()).containsExactly("shelter", "safe place", "night");
    assertThat(article.questions())
        .containsExactly("is there a place to sleep", "where is a shelter");
    assertThat(article.needsReview()).isTrue();
    assertThat(article.reviewNote()).isEqualTo("check the shelter routes");
    assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
    assertThat(article.body()).startsWith("## Now").contains("**112**");
  }

  @Test
  void writtenFileParsesBackToTheSameArticle() {
    Article article = ContentFile.parse("shelter/en.md", "shelter", "en", GOOD);
    Article tricky =
        new Article(
            "shelter",
            "en",
            "Shelter: \"safe\" places # tonight",
            article.body(),
            article.keywords(),
            article.questions(),
            ArticleStatus.DRAFT,
            1,
            false,
            "");

    Article back = ContentFile.parse("x", "shelter", "en", ContentFile.write(tricky));

    assertThat(back).isEqualTo(tricky);
  }

  @Test
  void missingTitleIsNamedWithTheFile() {
    assertThatThrownBy(
            () ->
                ContentFile.parse(
                    "shelter/tr.md", "shelter", "tr", "---\nkeywords: a\n---\nbody\n"))
        .isInstanceOf(ContentProblem.class)
        .hasMessage("shelter/tr.md: title is missing");
  }

  @Test
  void badFrontMatterIsRefused() {
    assertThatThrownBy(() -> ContentFile.parse("f", "t", "en", "title: x\nbody"))
        .hasMessageContaining("must start with a '---'");
    assertThatThrownBy(() -> ContentFile.parse("f", "t", "en", "---\ntitle: x\nbody"))
        .hasMessageContaining("not closed");
    assertThatThrownBy(() -> ContentFile.parse("f", "t", "en", "---\ntitel: x\n---\nbody"))
        .hasMessageContaining("unknown key 'titel'");
    assertThatThrownBy(() -> ContentFile.parse("f", "t", "en", "---\njust words\n---\nbody"))
        .hasMessageContaining("expected 'key: value'");
    assertThatThrownBy(
            () -> ContentFile.parse("f", "t", "en", "---\ntitle: x\nreview: maybe\n---\nbody"))
        .hasMessageContaining("review must be true or false");
  }

  @Test
  void oversizedOrEmptyBodyIsRefused() {
    String huge = "---\ntitle: x\n---\n" + "a".repeat(ContentFile.MAX_BODY_CHARS + 1);
    assertThatThrownBy(() -> ContentFile.parse("f", "t", "en", huge))
        .hasMessageContaining("the limit is");
    assertThatThrownBy(() -> ContentFile.parse("f", "t", "en", "---\ntitle: x\n---\n  \n"))
        .hasMessageContaining("body is empty");
  }
}

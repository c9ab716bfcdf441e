package dev.selam.knowledge.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.knowledge.article.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentSetTest {
  static final Set<String> LANGUAGES = Set.of("en", "tr", "ar", "ru", "fa", "uk");
  @TempDir Path dir;

  @Test
  void seedCoversEveryTopicInEveryLanguageAndIsValid() {
    Topics topics = Topics.bundled();
    ContentSet seed = ContentSet.bundled(topics, LANGUAGES);

    assertThat(seed.problems()).isEmpty();
    assertThat(seed.articles()).hasSize(topics.ids().size() * LANGUAGES.size());
    assertThat(seed.articles().stream().map(Article::topic).collect(Collectors.toSet()))
        .isEqualTo(topics.ids());
  }

  @Test
  void seedTopicsMatchTheSharedTopicList() throws Exception {
    Path shared =
        Path.of(System.getProperty("selam.repo.root"), "..", "shared", "eval", "topics.tsv");
    assertThat(Topics.bundled().ids()).isEqualTo(Topics.parse(Files.readString(shared)).ids());
  }

  @Test
  void everyProblemIsReportedWithItsFile() throws Exception {
    write("shelter/en.md", "---\ntitle: Shelter\n---\nGo to a safe place.\n");
    write("shelter/tr.md", "---\nkeywords: x\n---\nbody\n");
    write("shelter/xx.md", "---\ntitle: X\n---\nbody\n");
    write("shelter/notes.txt", "hello");
    write("no-such-topic/en.md", "---\ntitle: X\n---\nbody\n");
    Files.write(dir.resolve("legal-aid").resolve("en.md"), new byte[] {(byte) 0xC3, 0x28});

    ContentSet set = ContentSet.read(dir, Topics.bundled(), LANGUAGES);

    assertThat(set.valid()).isFalse();
    assertThat(set.problems())
        .extracting(ContentProblem::file)
        .containsExactlyInAnyOrder(
            "shelter/tr.md",
            "shelter/xx.md",
            "shelter/notes.txt",
            "no-such-topic/",
            "legal-aid/en.md");
    assertThat(set.articles()).extracting(Article::id).containsExactly("shelter/en");
  }

  @Test
  void symlinkOutOfTheContentFolderIsRefused() throws Exception {
    Path outside =
        Files.writeString(Files.createTempFile("secret", ".md"), "---\ntitle: S\n---\nx\n");
    Files.createDirectories(dir.resolve("shelter"));
    Files.createSymbolicLink(dir.resolve("shelter").resolve("en.md"), outside);

    ContentSet set = ContentSet.read(dir, Topics.bundled(), LANGUAGES);

    assertThat(set.problems()).extracting(ContentProblem::file).containsExactly("shelter/en.md");
    assertThat(set.articles()).isEmpty();
  }

  @Test
  void exportThenReadGivesTheSameArticles() throws Exception {
    ContentSet seed = ContentSet.bundled(Topics.bundled(), LANGUAGES);
    ContentExport.write(seed.articles(), dir);

    ContentSet back = ContentSet.read(dir, Topics.bundled(), LANGUAGES);

    assertThat(back.problems()).isEmpty();
    assertThat(back.articles()).containsExactlyInAnyOrderElementsOf(seed.articles());
  }

  private void write(String relative, String text) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.createDirectories(dir.resolve("legal-aid"));
  }
}

package dev.selam.knowledge.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.knowledge.editor.LineDiff.Line;
import dev.selam.knowledge.editor.LineDiff.Op;
import org.junit.jupiter.api.Test;

class LineDiffTest {
  @Test
  void changedLineIsOneRemovalAndOneAdditionAmongKeptLines() {
    assertThat(LineDiff.of("title: A\nbody one\nbody two", "title: B\nbody one\nbody two"))
        .containsExactly(
            new Line(Op.REMOVED, "title: A"),
            new Line(Op.ADDED, "title: B"),
            new Line(Op.SAME, "body one"),
            new Line(Op.SAME, "body two"));
  }

  @Test
  void linesAddedAtTheEndAndRemovedInTheMiddleAreFound() {
    assertThat(LineDiff.of("a\nb\nc", "a\nc\nd"))
        .containsExactly(
            new Line(Op.SAME, "a"),
            new Line(Op.REMOVED, "b"),
            new Line(Op.SAME, "c"),
            new Line(Op.ADDED, "d"));
  }

  @Test
  void sameTextHasNoChanges() {
    assertThat(LineDiff.of("x\ny", "x\ny")).extracting(Line::op).containsOnly(Op.SAME);
  }
}

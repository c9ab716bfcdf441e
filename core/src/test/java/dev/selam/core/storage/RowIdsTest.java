package dev.selam.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowIdsTest {
  @Test
  void idsSortAsTheyWereMadeEvenWithinOneMillisecond() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(RowIds.timeOrdered());
    }
    // Compared as the database compares the VARCHAR column: as strings.
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(UUID.fromString(ids.get(0)).version()).isEqualTo(7);
  }

  @Test
  void idsMadeOnManyThreadsAreUnique() {
    ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    IntStream.range(0, 8)
        .parallel()
        .forEach(
            t -> {
              for (int i = 0; i < 5_000; i++) {
                ids.add(RowIds.timeOrdered());
              }
            });
    assertThat(ids).hasSize(40_000).doesNotHaveDuplicates();
  }
}

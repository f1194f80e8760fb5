package io.agentkeel.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineWheelTest {

  private static final long MS = DeadlineWheel.RESOLUTION_NANOS;
  private static final long ORIGIN = 1_000 * MS;

  private static final class Item extends DeadlineWheel.Entry {
    final String name;

    Item(String name) {
      this.name = name;
    }
  }

  private final DeadlineWheel wheel = new DeadlineWheel(ORIGIN);

  private static List<String> names(List<Item> items) {
    List<String> names = new ArrayList<>();
    for (Item item : items) {
      names.add(item.name);
    }
    return names;
  }

  @Test
  void anEntryComesOutOnceItsMillisecondHasPassedAndNotBefore() {
    Item item = new Item("a");
    wheel.add(item, ORIGIN + 10 * MS + 300);

    assertThat(wheel.<Item>sweep(ORIGIN + 10 * MS + 500)).isEmpty();
    assertThat(names(wheel.sweep(ORIGIN + 11 * MS))).containsExactly("a");
    assertThat(wheel.<Item>sweep(ORIGIN + 20 * MS)).isEmpty();
  }

  @Test
  void aRemovedEntryNeverComesOut() {
    Item kept = new Item("kept");
    Item removed = new Item("removed");
    wheel.add(kept, ORIGIN + 5 * MS);
    wheel.add(removed, ORIGIN + 5 * MS);

    assertThat(wheel.remove(removed)).isTrue();
    assertThat(wheel.remove(removed)).isFalse();
    assertThat(names(wheel.sweep(ORIGIN + 6 * MS))).containsExactly("kept");
    assertThat(wheel.remove(kept)).isFalse();
  }

  @Test
  void anEntryDueRevolutionsAheadWaitsInItsSlotUntilDue() {
    Item far = new Item("far");
    long due = ORIGIN + (3L * DeadlineWheel.SLOTS + 7) * MS;
    wheel.add(far, due);

    for (long now = ORIGIN; due - now > MS; now += 3 * MS) {
      assertThat(wheel.<Item>sweep(now)).isEmpty();
    }
    assertThat(names(wheel.sweep(due + MS))).containsExactly("far");
  }

  @Test
  void anEntryAddedAfterItsSlotWasSweptComesOutAtTheNextSweep() {
    assertThat(wheel.<Item>sweep(ORIGIN + 50 * MS)).isEmpty();
    Item late = new Item("late");
    wheel.add(late, ORIGIN + 10 * MS);

    assertThat(names(wheel.sweep(ORIGIN + 51 * MS))).containsExactly("late");
  }

  @Test
  void aSweepAfterALongPauseFindsEveryDueEntryAndKeepsTheRest() {
    Item early = new Item("early");
    Item due = new Item("due");
    Item later = new Item("later");
    wheel.add(early, ORIGIN + 2 * MS);
    wheel.add(due, ORIGIN + (2L * DeadlineWheel.SLOTS) * MS);
    wheel.add(later, ORIGIN + (5L * DeadlineWheel.SLOTS) * MS);

    assertThat(names(wheel.sweep(ORIGIN + (3L * DeadlineWheel.SLOTS) * MS)))
        .containsExactlyInAnyOrder("early", "due");
    assertThat(names(wheel.snapshot())).containsExactly("later");
  }

  @Test
  void anEntryTakenOutCanBeAddedAgain() {
    Item item = new Item("again");
    wheel.add(item, ORIGIN + MS);
    assertThat(names(wheel.sweep(ORIGIN + 2 * MS))).containsExactly("again");

    wheel.add(item, ORIGIN + 8 * MS);

    assertThat(names(wheel.snapshot())).containsExactly("again");
    assertThat(names(wheel.sweep(ORIGIN + 9 * MS))).containsExactly("again");
  }
}

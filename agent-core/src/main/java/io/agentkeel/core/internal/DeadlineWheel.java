package io.agentkeel.core.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Entries due at {@link System#nanoTime()} instants, in a hashed timing wheel of one-millisecond
 * slots: adding or removing an entry takes one slot's lock and a few pointer writes, whatever the
 * number of entries, and a sweep visits only the slots whose millisecond has passed since the last
 * sweep. With 10,000 runs in flight a sorted concurrent set cost about a microsecond per add or
 * remove; this costs a few tens of nanoseconds.
 *
 * <p>A sweep returns every entry whose slot's millisecond has fully passed, so an entry comes out
 * at most {@link #RESOLUTION_NANOS} plus the sweeping period after it is due. An entry due more
 * than a revolution ({@value #SLOTS} ms) ahead shares its slot with nearer ones and stays until it
 * is due. Nano times are compared by difference, so they may be any values within about 146 years
 * of each other.
 */
final class DeadlineWheel {

  /** The width of one slot. */
  static final long RESOLUTION_NANOS = 1_000_000L;

  /** The slots of one revolution (about a second), a power of two. */
  static final int SLOTS = 1024;

  /** Something the wheel holds; its links are guarded by its slot's lock. */
  abstract static class Entry {
    private long dueAt;
    private Entry previous;
    private Entry next;
    private volatile Slot slot;
  }

  private static final class Sentinel extends Entry {}

  private static final class Slot {
    private final Entry head = new Sentinel();
    private long sweptTick = Long.MIN_VALUE;

    Slot() {
      head.previous = head;
      head.next = head;
    }

    void link(Entry entry) {
      entry.previous = head.previous;
      entry.next = head;
      head.previous.next = entry;
      head.previous = entry;
      entry.slot = this;
    }

    void unlink(Entry entry) {
      entry.previous.next = entry.next;
      entry.next.previous = entry.previous;
      entry.previous = null;
      entry.next = null;
      entry.slot = null;
    }
  }

  private final long origin;
  private final Slot[] slots = new Slot[SLOTS];

  /** Every tick up to this one has been swept; a hint for where to add overdue entries. */
  private volatile long sweptTick;

  /**
   * A wheel whose ticks count from {@code origin}.
   *
   * @param origin a {@link System#nanoTime()} at or before the first entry's due time
   */
  DeadlineWheel(long origin) {
    this.origin = origin;
    this.sweptTick = -1;
    for (int i = 0; i < SLOTS; i++) {
      slots[i] = new Slot();
    }
  }

  private long tickOf(long nanoTime) {
    return Math.floorDiv(nanoTime - origin, RESOLUTION_NANOS);
  }

  /**
   * Adds an entry that is in no wheel; an entry already due comes out at the next sweep.
   *
   * @param entry the entry
   * @param dueAt the {@link System#nanoTime()} at which it is due
   */
  void add(Entry entry, long dueAt) {
    long tick = Math.max(tickOf(dueAt), sweptTick + 1);
    while (true) {
      Slot slot = slots[(int) (tick & (SLOTS - 1))];
      synchronized (slot) {
        // A slot already swept at this tick would keep the entry a whole revolution: take the next.
        if (tick > slot.sweptTick) {
          entry.dueAt = dueAt;
          slot.link(entry);
          return;
        }
      }
      tick++;
    }
  }

  /**
   * Removes an entry.
   *
   * @param entry the entry
   * @return whether it was in the wheel; false once a sweep has returned it
   */
  boolean remove(Entry entry) {
    while (true) {
      Slot slot = entry.slot;
      if (slot == null) {
        return false;
      }
      synchronized (slot) {
        if (entry.slot == slot) {
          slot.unlink(entry);
          return true;
        }
      }
    }
  }

  /**
   * Takes out every entry due by {@code now} whose slot's millisecond has passed. Called from one
   * thread only.
   *
   * @param now the current {@link System#nanoTime()}
   * @param <E> the entries' type
   * @return the entries taken out, in no particular order; empty if none
   */
  @SuppressWarnings("unchecked")
  <E extends Entry> List<E> sweep(long now) {
    long last = tickOf(now) - 1;
    long from = sweptTick + 1;
    if (last < from) {
      return List.of();
    }
    if (last - from >= SLOTS) {
      from = last - SLOTS + 1;
    }
    List<E> due = List.of();
    for (long tick = from; tick <= last; tick++) {
      Slot slot = slots[(int) (tick & (SLOTS - 1))];
      synchronized (slot) {
        slot.sweptTick = tick;
        for (Entry entry = slot.head.next; entry != slot.head; ) {
          Entry next = entry.next;
          if (now - entry.dueAt >= 0) {
            slot.unlink(entry);
            if (due.isEmpty()) {
              due = new ArrayList<>();
            }
            due.add((E) entry);
          }
          entry = next;
        }
      }
    }
    sweptTick = last;
    return due;
  }

  /**
   * Every entry in the wheel now.
   *
   * @param <E> the entries' type
   * @return a copy
   */
  @SuppressWarnings("unchecked")
  <E extends Entry> List<E> snapshot() {
    List<E> all = new ArrayList<>();
    for (Slot slot : slots) {
      synchronized (slot) {
        for (Entry entry = slot.head.next; entry != slot.head; entry = entry.next) {
          all.add((E) entry);
        }
      }
    }
    return all;
  }
}

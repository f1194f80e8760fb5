package io.agentkeel.durable.internal;

import io.agentkeel.api.JournalEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs fenced off their task, for the journal's writer thread only (not thread-safe): per task, the
 * next sequence of a run whose record was refused because the journal already held its sequence
 * (another run has the task), or could not be stored at all (the database refused it, or could not
 * be reached). That run's later records, which follow on without a gap, are refused too, without
 * being written: were they stored, its next forced record (the intent of a write) would return
 * although a record before it was not stored, and the journal would hold a gap that a recovery
 * replays wrongly (an intent after a lost reply belongs to no reply it has) or, for a duplicate,
 * both runs would go on. A record of the task with another sequence comes from another run and
 * lifts the fence; so does the fenced run's end, which is refused after a duplicate and stored
 * after a lost record (an end keeps a recovery from running the task again). The eldest fences go
 * first once there are too many.
 */
final class RunFences {

  /** The most runs fenced at once. */
  private static final int MAX_FENCED = 4096;

  /**
   * Where a fenced run is: its next sequence, the record that was not stored, and whether it was
   * lost (not stored at all) rather than refused as another run's.
   */
  private record Fence(long next, long refused, boolean lost) {}

  private final Map<String, Fence> fenced =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Fence> eldest) {
          return size() > MAX_FENCED;
        }
      };

  /**
   * Fences the run of a record that was not stored, unless the record ends its run.
   *
   * @param entry the record
   * @param lost whether it could not be stored at all, rather than refused as another run's
   */
  void notStored(JournalEntry entry, boolean lost) {
    if (!ends(entry)) {
      fenced.put(entry.taskId(), new Fence(entry.sequence() + 1, entry.sequence(), lost));
    }
  }

  /**
   * Why a record of a fenced run must not be written, or empty to write it; lifts the fence for a
   * record of another run and at the fenced run's end.
   *
   * @param entry the record about to be written
   * @return the reason it is refused, or empty
   */
  Optional<String> refusal(JournalEntry entry) {
    Fence fence = fenced.get(entry.taskId());
    if (fence == null) {
      return Optional.empty();
    }
    if (fence.next() != entry.sequence()) {
      fenced.remove(entry.taskId());
      return Optional.empty();
    }
    if (ends(entry)) {
      fenced.remove(entry.taskId());
      if (fence.lost()) {
        return Optional.empty();
      }
    } else {
      fenced.put(entry.taskId(), new Fence(entry.sequence() + 1, fence.refused(), fence.lost()));
    }
    return Optional.of(
        "the journal of task '"
            + entry.taskId()
            + "' did not store record "
            + entry.sequence()
            + (fence.lost()
                ? ": record "
                    + fence.refused()
                    + " of this run, before it, could not be stored, and the run cannot go on"
                    + " from a journal with a gap"
                : ": it already held record "
                    + fence.refused()
                    + " of this run; another run has the task"));
  }

  /**
   * Whether a run appends nothing after this record.
   *
   * @param entry the record
   * @return whether it ends its run
   */
  static boolean ends(JournalEntry entry) {
    return entry.kind() == JournalEntry.Kind.ENDED || entry.kind() == JournalEntry.Kind.SUSPENDED;
  }
}

package io.agentkeel.cluster.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The publishes the broker has not confirmed yet, by publish sequence number: an ack completes
 * them, a nack or a lost connection fails them. {@code multiple} confirms every number up to the
 * one given.
 */
public final class Confirms {
  private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> outstanding =
      new ConcurrentSkipListMap<>();

  /**
   * Registers a publish before it is sent.
   *
   * @param sequence its publish sequence number
   * @return completed when the broker confirms it
   */
  public CompletableFuture<Void> expect(long sequence) {
    CompletableFuture<Void> confirmed = new CompletableFuture<>();
    outstanding.put(sequence, confirmed);
    return confirmed;
  }

  /**
   * The broker stored the publish (or all up to it).
   *
   * @param sequence the sequence number
   * @param multiple whether every earlier one is confirmed too
   */
  public void acked(long sequence, boolean multiple) {
    done(sequence, multiple).forEach(f -> f.complete(null));
  }

  /**
   * The broker could not store the publish (or all up to it).
   *
   * @param sequence the sequence number
   * @param multiple whether every earlier one is refused too
   */
  public void nacked(long sequence, boolean multiple) {
    done(sequence, multiple)
        .forEach(f ->
            f.completeExceptionally(
                new IllegalStateException(
                    "the broker refused the task (nack): it was not queued; submit it again")));
  }

  /**
   * Fails every publish still waiting, as when the connection is lost.
   *
   * @param reason why
   */
  public void failAll(String reason) {
    done(Long.MAX_VALUE, true)
        .forEach(f ->
            f.completeExceptionally(
                new IllegalStateException(
                    "the task may not be queued: " + reason + "; submit it again (same id)")));
  }

  private java.util.Collection<CompletableFuture<Void>> done(long sequence, boolean multiple) {
    java.util.List<CompletableFuture<Void>> done = new java.util.ArrayList<>();
    if (multiple) {
      ConcurrentNavigableMap<Long, CompletableFuture<Void>> head =
          outstanding.headMap(sequence, true);
      head.forEach((seq, future) -> {
        if (head.remove(seq, future)) {
          done.add(future);
        }
      });
    } else {
      CompletableFuture<Void> one = outstanding.remove(sequence);
      if (one != null) {
        done.add(one);
      }
    }
    return done;
  }
}

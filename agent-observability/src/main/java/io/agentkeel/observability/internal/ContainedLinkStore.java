package io.agentkeel.observability.internal;

import io.agentkeel.observability.TraceLinkStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link TraceLinkStore} with its failures contained: a shared cache or table may
 * be down, and then a link is lost (a resumed run is not linked, feedback starts a trace of its
 * own), not the run's spans nor a user's rating. The first failure is logged at WARN, later ones at
 * DEBUG (a store that is down fails for every task), each with its type only: the message of a
 * store's exception may quote its connection settings.
 */
public final class ContainedLinkStore implements TraceLinkStore {
  private static final Logger LOG = LoggerFactory.getLogger(ContainedLinkStore.class);

  private final TraceLinkStore store;
  private final AtomicBoolean warned = new AtomicBoolean();

  /**
   * Wraps a store.
   *
   * @param store the application's store
   */
  public ContainedLinkStore(TraceLinkStore store) {
    this.store = store;
  }

  @Override
  public void put(String taskId, String traceparent) {
    try {
      store.put(taskId, traceparent);
    } catch (RuntimeException e) {
      failed("store", e);
    }
  }

  @Override
  public Optional<String> get(String taskId) {
    try {
      Optional<String> link = store.get(taskId);
      return link == null ? Optional.empty() : link;
    } catch (RuntimeException e) {
      failed("read", e);
      return Optional.empty();
    }
  }

  private void failed(String what, RuntimeException e) {
    String message = "trace link store {} could not {} a task's first span ({}); the link is lost";
    if (warned.compareAndSet(false, true)) {
      LOG.warn(message, store.getClass().getName(), what, e.getClass().getName());
    } else {
      LOG.debug(message, store.getClass().getName(), what, e.getClass().getName());
    }
  }
}

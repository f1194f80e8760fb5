package io.agentkeel.memory.standin;

import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ExtensionBinder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for an extension of agent-memory (its package is what the examples select by): it counts
 * the events of the agents it is installed into. Tests list it in a plugin jar of their own.
 */
public final class CountingMemoryExtension implements AgentExtension {

  /** Events seen by every installed copy. */
  public static final AtomicInteger EVENTS = new AtomicInteger();

  /** Found by ServiceLoader. */
  public CountingMemoryExtension() {}

  @Override
  public String name() {
    return "counting-memory-stand-in";
  }

  @Override
  public void configure(ExtensionBinder binder) {
    binder.add(AgentEventListener.class, (event, context) -> EVENTS.incrementAndGet());
  }
}

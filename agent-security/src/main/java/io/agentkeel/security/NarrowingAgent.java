package io.agentkeel.security;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.Task;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** An agent that runs each task with its principal narrowed by {@link ToolGrants}. */
final class NarrowingAgent implements Agent {
  private final Agent agent;
  private final ToolGrants grants;

  NarrowingAgent(Agent agent, ToolGrants grants) {
    this.agent = agent;
    this.grants = grants;
  }

  @Override
  public AgentResult execute(Task task) {
    return agent.execute(grants.narrow(Objects.requireNonNull(task, "task")));
  }

  @Override
  public CompletableFuture<AgentResult> submit(Task task) {
    return agent.submit(grants.narrow(Objects.requireNonNull(task, "task")));
  }

  @Override
  public AgentResult resume(ReviewDecision decision) {
    return agent.resume(decision);
  }

  @Override
  public void close() {
    agent.close();
  }
}

package io.agentkeel.core.internal;

import io.agentkeel.api.Outcome;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TaskEnd;
import io.agentkeel.api.WriteBack;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.SessionMemory;

/**
 * Core's write-back, used when no extension adds one: a completed task's input and filtered answer
 * become two turns of its session.
 */
final class SessionWriteBack implements WriteBack {
  private final SessionMemory sessions;

  SessionWriteBack(SessionMemory sessions) {
    this.sessions = sessions;
  }

  @Override
  public void taskEnded(TaskEnd end, RunContext context) {
    if (!(end.outcome() instanceof Outcome.Completed)
        || end.answer().isEmpty()
        || context.task().sessionId().isEmpty()) {
      return;
    }
    MemoryOwner owner = MemoryOwner.of(context.principal());
    String session = context.task().sessionId().get();
    java.time.Instant now = context.now();
    sessions.append(owner, session, new ChatTurn(ChatTurn.Role.USER, end.input(), now));
    sessions.append(owner, session, new ChatTurn(ChatTurn.Role.ASSISTANT, end.answer().get(), now));
  }
}

package io.agentkeel.testkit.store;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AuditSink;
import io.agentkeel.core.InMemoryAuditSink;
import java.util.List;

/** Core's in-memory audit sink keeps the audit-sink contract. */
class InMemoryAuditSinkContractTest extends AuditSinkContract {
  @Override
  protected AuditSink newSink() {
    return new InMemoryAuditSink();
  }

  @Override
  protected List<AgentEvent> readBack(AuditSink sink, String taskId) {
    return ((InMemoryAuditSink) sink).events(taskId);
  }
}

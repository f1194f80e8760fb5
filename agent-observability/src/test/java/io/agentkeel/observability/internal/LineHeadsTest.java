package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cached line heads say what the event's name and action say, for every shape of action. */
class LineHeadsTest {

  private static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");

  @Test
  void cachedHeadsMatchTheEventsNameAndAction() {
    List<AgentEvent> events = new ArrayList<>();
    events.add(new AgentEvent.TaskStarted("t", AT, "default", "p"));
    events.add(new AgentEvent.TaskRecovered("t", AT, "default", 3, true));
    events.add(new AgentEvent.TaskRecovered("t", AT, "default", 3, false));
    events.add(new AgentEvent.MayHaveRun("t", AT, "refund_order"));
    events.add(new AgentEvent.ReviewDecided("t", AT, "r-1", "alice", "odd \"verdict\""));
    for (Route route : Route.values()) {
      events.add(new AgentEvent.Routed("t", AT, null, route));
    }
    for (AgentEvent.GuardAction action : AgentEvent.GuardAction.values()) {
      events.add(
          new AgentEvent.GuardDecision("t", AT, "g", "input", action, "why", Optional.empty()));
    }
    for (int pass = 0; pass < 2; pass++) {
      for (AgentEvent event : events) {
        StringBuilder b = new StringBuilder();
        LineHeads.appendAfterTimestamp(b, event);
        assertThat(b.toString())
            .as("%s", event)
            .isEqualTo(
                "\",\"event\":"
                    + Json.quote(Names.event(event))
                    + ",\"action\":"
                    + Json.quote(LineHeads.action(event)));
      }
    }
  }
}

package io.agentkeel.api.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryValuesTest {

  static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void queryNeedsAPositiveLimit() {
    assertThat(new MemoryQuery("alice", "refund policy", 1).limit()).isOne();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new MemoryQuery("alice", "refund policy", 0))
        .withMessage("a memory query needs a positive limit, got 0");
    assertThatIllegalArgumentException().isThrownBy(() -> new MemoryQuery("alice", "x", -5));
  }

  @Test
  void queryRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> new MemoryQuery(null, "x", 1))
        .withMessage("owner");
    assertThatNullPointerException()
        .isThrownBy(() -> new MemoryQuery("alice", null, 1))
        .withMessage("text");
  }

  @Test
  void recordCopiesItsMetadata() {
    Map<String, String> metadata = new HashMap<>(Map.of("source", "chat"));
    MemoryRecord record = new MemoryRecord("m-1", "alice", "prefers email", AT, metadata);
    metadata.put("source", "changed");

    assertThat(record.metadata()).containsExactlyEntriesOf(Map.of("source", "chat"));
    assertThatThrownBy(() -> record.metadata().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void recordRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> new MemoryRecord("m-1", null, "t", AT, Map.of()))
        .withMessage("owner");
    assertThatNullPointerException()
        .isThrownBy(() -> new MemoryRecord("m-1", "alice", "t", null, Map.of()))
        .withMessage("createdAt");
  }

  @Test
  void recalledMemoryNeedsItsRecord() {
    assertThatNullPointerException()
        .isThrownBy(() -> new RecalledMemory(null, 0.5))
        .withMessage("record");
  }

  @Test
  void chatTurnRejectsNulls() {
    assertThat(new ChatTurn(ChatTurn.Role.USER, "hi", AT).role()).isEqualTo(ChatTurn.Role.USER);
    assertThatNullPointerException()
        .isThrownBy(() -> new ChatTurn(null, "hi", AT))
        .withMessage("role");
    assertThatNullPointerException()
        .isThrownBy(() -> new ChatTurn(ChatTurn.Role.ASSISTANT, null, AT))
        .withMessage("text");
  }
}

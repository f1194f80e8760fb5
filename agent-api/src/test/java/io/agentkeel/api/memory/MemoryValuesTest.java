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
  static final MemoryOwner ALICE = new MemoryOwner("acme", "alice");

  @Test
  void queryNeedsAPositiveLimit() {
    assertThat(MemoryQuery.of(ALICE, "refund policy", 1).limit()).isOne();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MemoryQuery.of(ALICE, "refund policy", 0))
        .withMessage("a memory query needs a positive limit, got 0");
    assertThatIllegalArgumentException().isThrownBy(() -> MemoryQuery.of(ALICE, "x", -5));
  }

  @Test
  void queryRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> MemoryQuery.of(null, "x", 1))
        .withMessage("owner");
    assertThatNullPointerException()
        .isThrownBy(() -> MemoryQuery.of(ALICE, null, 1))
        .withMessage("text");
  }

  @Test
  void recordCopiesItsMetadata() {
    Map<String, String> metadata = new HashMap<>(Map.of("source", "chat"));
    MemoryRecord record = new MemoryRecord("m-1", ALICE, "prefers email", metadata, 0.5, AT, AT);
    metadata.put("source", "changed");

    assertThat(record.metadata()).containsExactlyEntriesOf(Map.of("source", "chat"));
    assertThatThrownBy(() -> record.metadata().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void recordRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> new MemoryRecord("m-1", null, "t", Map.of(), 0.5, AT, AT))
        .withMessage("owner");
    assertThatNullPointerException()
        .isThrownBy(() -> new MemoryRecord("m-1", ALICE, "t", Map.of(), 0.5, null, AT))
        .withMessage("createdAt");
  }

  @Test
  void recalledMemoryNeedsItsRecord() {
    assertThatNullPointerException()
        .isThrownBy(() -> new RecalledMemory(null, 0.5, 0.5, 0.5))
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

  @Test
  void queryHasTheDocumentedDefaultsAndRejectsBadWeights() {
    MemoryQuery query = MemoryQuery.of(ALICE, "x", 3);
    assertThat(query.relevanceWeight()).isEqualTo(0.7);
    assertThat(query.recencyWeight()).isEqualTo(0.3);
    assertThat(query.halfLife()).isEqualTo(java.time.Duration.ofDays(30));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MemoryQuery.builder(ALICE, "x").weights(1.5, 0).build())
        .withMessageContaining("weights must be within [0, 1]");
  }

  @Test
  void recordRejectsBlankTextNamingTheMemory() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new MemoryRecord("m-7", ALICE, " \t", Map.of(), 0.5, AT, AT))
        .withMessageContaining("m-7")
        .withMessageContaining("blank text");
  }

  @Test
  void recordRejectsImportanceOutsideTheUnitInterval() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new MemoryRecord("m", ALICE, "t", Map.of(), 1.2, AT, AT))
        .withMessageContaining("importance");
  }

  @Test
  void versionConflictNamesTaskKeyAndBothVersions() {
    assertThat(new VersionConflictException("t-1", "plan", 2, 3))
        .hasMessageContaining("'t-1'")
        .hasMessageContaining("'plan'")
        .hasMessageContaining("expected version 2 but found 3");
  }
}

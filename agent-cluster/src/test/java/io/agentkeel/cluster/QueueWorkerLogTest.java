package io.agentkeel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueWorkerLogTest {

  @Test
  void aTaskIdInALogLineCanNeitherBreakTheLineNorReadAsAnotherId() {
    String id = "task-1\n\u0085\u2028\u2029\u202egnp.exe\u200b\u2066\u001b[2J";

    String shown = QueueWorker.safe(id);

    // Before: only ASCII controls were replaced; NEL, the separators and the right-to-left
    // override reached the log, so the id broke the line or read backwards.
    assertThat(shown).isEqualTo("task-1?????gnp.exe???[2J");
    assertThat(QueueWorker.safe("order-\u00e9\u4e2d\ud83d\ude00"))
        .isEqualTo("order-\u00e9\u4e2d\ud83d\ude00");
  }
}

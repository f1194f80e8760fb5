package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentkeel audit verify} says what it checked, and finds a log deleted whole. */
class AuditVerifyTest {

  @TempDir Path dataDir;

  private CliRun cli(String... args) {
    return CliRun.of(dataDir, Map.of(), List.of(args));
  }

  @Test
  void aLogDeletedWholeIsNotIntactAndAMissingAnchorIsNotCalledVerified() throws Exception {
    assertThat(cli("run", "orders", "Where is my order O-10001?").exit()).isZero();
    Path log = dataDir.resolve("audit.log");
    Path anchor = dataDir.resolve("audit.log.head");
    assertThat(anchor).exists();
    byte[] anchorBytes = Files.readAllBytes(anchor);

    Files.delete(anchor);
    CliRun unanchored = cli("audit", "verify");
    assertThat(unanchored.exit()).as(unanchored.err()).isZero();
    assertThat(unanchored.out()).doesNotContain("anchor verified").contains("has no anchor");

    Files.write(anchor, anchorBytes);
    Files.delete(log);
    CliRun deleted = cli("audit", "verify");
    assertThat(deleted.exit()).as(deleted.out()).isEqualTo(AgentKeelCli.NOT_COMPLETED);
    assertThat(deleted.out()).contains("is NOT intact: it is missing");
  }
}

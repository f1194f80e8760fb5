package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory that cannot be made is bad usage that names it, for every command. */
class DataDirectoryTest {

  @TempDir Path temp;

  @Test
  void anEmptyDataDirectoryIsBadUsageNotTheWorkingDirectory() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int exit =
        AgentKeelCli.execute(
            new String[] {"--data-dir", "", "review", "list"},
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(err),
            Map.of());

    assertThat(exit).as(out + err.toString()).isEqualTo(AgentKeelCli.USAGE);
    assertThat(err.toString()).contains("--data-dir is empty");
    assertThat(Path.of("memory")).as("stores written to the working directory").doesNotExist();
  }

  @Test
  void aDataDirectoryUnderAFileIsNamedBeforeAnyStoreOpens() throws Exception {
    Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
    Path dataDir = file.resolve("data");
    for (List<String> command :
        List.of(
            List.of("review", "list"),
            List.of("tasks"),
            List.of("feedback", "t-1", "up"),
            List.of("run", "orders", "Where is my order O-10001?"))) {
      CliRun run = CliRun.of(dataDir, Map.of(), command);

      assertThat(run.exit()).as(command + ": " + run.err()).isEqualTo(AgentKeelCli.USAGE);
      assertThat(run.err())
          .as(command.toString())
          .contains("--data-dir '" + dataDir + "' cannot be created")
          .doesNotContain("IllegalStateException")
          .doesNotContain("UncheckedIOException");
    }
  }
}

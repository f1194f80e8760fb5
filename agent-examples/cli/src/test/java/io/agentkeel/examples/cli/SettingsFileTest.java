package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DATA_DIR/agentkeel.properties that cannot be read, or that holds a key nothing reads while
 * settings.unknown-keys=fail, is bad usage naming what is wrong.
 */
class SettingsFileTest {

  @TempDir Path dataDir;

  @Test
  void aMalformedPropertiesFileIsNamedWithWhatIsWrong() throws Exception {
    Path file =
        Files.writeString(dataDir.resolve("agentkeel.properties"), "memory.x=C:\\users\\me\n");

    CliRun listed = CliRun.of(dataDir, Map.of(), List.of("review", "list"));

    assertThat(listed.exit()).as(listed.err()).isEqualTo(AgentKeelCli.USAGE);
    assertThat(listed.err()).contains("cannot read " + file).contains("Malformed \\uxxxx encoding");
  }

  @Test
  void anUnknownKeyUnderFailIsBadUsageNamingTheKey() throws Exception {
    Files.writeString(
        dataDir.resolve("agentkeel.properties"),
        "memory.data-dri=/tmp/elsewhere\nsettings.unknown-keys=fail\n");

    CliRun run = CliRun.of(dataDir, Map.of(), List.of("run", "orders", "Where is O-10001?"));

    assertThat(run.exit()).as(run.err()).isEqualTo(AgentKeelCli.USAGE);
    assertThat(run.err())
        .contains("'memory.data-dri' (did you mean 'memory.data-dir'?)")
        .doesNotContain("IllegalStateException");
  }
}

package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DATA_DIR/agentkeel.properties that cannot be read is bad usage naming the file. */
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
}

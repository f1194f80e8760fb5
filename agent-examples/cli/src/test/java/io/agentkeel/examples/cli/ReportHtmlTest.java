package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --html FILE} writes where it is told, as the demo's --html does, or says why not.
 */
class ReportHtmlTest {

  @TempDir Path dataDir;

  private CliRun cli(String... args) {
    return CliRun.of(dataDir, Map.of(), List.of(args));
  }

  @Test
  void aMissingDirectoryIsCreatedAndAFileThatCannotBeWrittenIsNamedWithWhy() throws Exception {
    Path page = dataDir.resolve("reports/weekly/report.html");
    CliRun written = cli("report", "--html", page.toString());
    assertThat(written.exit()).as(written.err()).isZero();
    assertThat(page).isRegularFile();

    Path directory = Files.createDirectories(dataDir.resolve("a-directory"));
    CliRun refused = cli("report", "--html", directory.toString());
    assertThat(refused.exit()).as(refused.err()).isEqualTo(AgentKeelCli.USAGE);
    assertThat(refused.err())
        .contains("--html '" + directory + "' cannot be written (")
        .contains(directory.toString())
        .doesNotContain("UncheckedIOException");
  }
}

package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./agentkeel} launcher script at the repository's root, before it builds anything. */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("../../agentkeel").toAbsolutePath().normalize();

  @TempDir Path temp;

  @Test
  void aJavaHomeWithoutJavaIsNamedInsteadOfPassedOverForTheJavaOnPath() throws Exception {
    assumeTrue(Files.isRegularFile(LAUNCHER) && Files.isExecutable(Path.of("/bin/sh")));
    // A PATH with what the script needs and no java, so that nothing is built or run.
    Path bin = Files.createDirectories(temp.resolve("bin"));
    for (String tool : List.of("dirname", "readlink", "sed", "find", "head")) {
      for (String dir : List.of("/usr/bin", "/bin")) {
        Path found = Path.of(dir, tool);
        if (Files.isExecutable(found) && !Files.exists(bin.resolve(tool))) {
          Files.createSymbolicLink(bin.resolve(tool), found);
        }
      }
    }
    Path missing = temp.resolve("no-such-jdk");
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", LAUNCHER.toString(), "--version")
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("out.txt").toFile());
    builder.environment().put("JAVA_HOME", missing.toString());
    builder.environment().put("PATH", bin.toString());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(printed).isEqualTo(2);
    assertThat(printed)
        .contains("JAVA_HOME is '" + missing + "', which has no bin/java")
        .doesNotContain("building");
  }
}

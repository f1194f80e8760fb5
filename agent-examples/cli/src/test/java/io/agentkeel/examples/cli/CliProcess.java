package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Starts the command line as a separate JVM, the way the launcher does: {@code target/classes} and
 * the libraries copied to {@code target/lib} (runtime scope: the shipping plugin is not among them;
 * it waits in {@code target/plugins}).
 */
final class CliProcess {

  /** What a finished process printed and returned. */
  record Result(int exit, String out, String err) {}

  static final Path TARGET = Path.of("target").toAbsolutePath();
  static final Path PLUGIN_JARS = TARGET.resolve("plugins");

  private CliProcess() {}

  static Result run(
      List<String> args, String stdin, boolean withTestClasses, Consumer<Map<String, String>> env)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-cp");
    command.add(classPath(withTestClasses));
    command.add(AgentKeelCli.class.getName());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("OPENAI_API_KEY");
    builder.environment().remove("OPENAI_BASE_URL");
    builder.environment().remove("AGENTKEEL_MODEL");
    builder.environment().remove("AGENTKEEL_DATA_DIR");
    env.accept(builder.environment());
    Path out = Files.createTempFile("agentkeel-out", ".txt");
    Path err = Files.createTempFile("agentkeel-err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS))
        .as("the command line ended within 120 s")
        .isTrue();
    Result result =
        new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return run(List.of(args), null, false, env -> {});
  }

  private static String classPath(boolean withTestClasses) throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(TARGET.resolve("classes").toString());
    if (withTestClasses) {
      entries.add(TARGET.resolve("test-classes").toString());
    }
    try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
      jars.sorted().forEach(jar -> entries.add(jar.toString()));
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The shipping plugin's jar, as the build placed it beside the command line. */
  static Path shippingPluginJar() throws IOException {
    try (Stream<Path> jars = Files.list(PLUGIN_JARS)) {
      return jars.filter(
              j -> j.getFileName().toString().startsWith("agent-example-shipping-plugin"))
          .findFirst()
          .orElseThrow();
    }
  }
}

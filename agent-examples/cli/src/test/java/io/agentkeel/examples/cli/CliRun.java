package io.agentkeel.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One command run in this JVM on a data directory, with what it printed.
 *
 * @param exit the exit status
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exit, String out, String err) {

  /**
   * Runs a command with {@code --data-dir dataDir} appended.
   *
   * @param dataDir the data directory
   * @param environment the environment the command sees
   * @param args the command and its options
   * @return what it printed and its exit status
   */
  static CliRun of(Path dataDir, Map<String, String> environment, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(args);
    all.add("--data-dir");
    all.add(dataDir.toString());
    int exit =
        AgentKeelCli.execute(
            all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), environment);
    return new CliRun(exit, out.toString(), err.toString());
  }
}

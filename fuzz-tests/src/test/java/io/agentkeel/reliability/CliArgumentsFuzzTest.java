package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.examples.cli.AgentKeelCli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the {@code agentkeel} command line's input: argument lists made of its own words and of
 * fuzzed text, run in this process against a scratch data directory with the offline model. The
 * command line documents exit status 0, 1 or 2 with a message on standard error; no arguments may
 * make it throw, print a stack trace, or fail with a programming error (a null pointer, an index
 * out of bounds) instead of a message.
 *
 * <p>Arguments that would reach outside the scratch directory or the network are left out: {@code
 * --data-dir}, {@code --html}, {@code --base-url}, {@code @file} expansion, and {@code demo} (which
 * runs several scripted scenarios and belongs to the command line's own tests).
 */
class CliArgumentsFuzzTest {

  private static final List<String> WORDS =
      List.of(
          "run",
          "orders",
          "documents",
          "tools",
          "lint",
          "review",
          "list",
          "show",
          "approve",
          "edit",
          "reject",
          "feedback",
          "up",
          "down",
          "report",
          "audit",
          "verify",
          "access",
          "redact",
          "scan",
          "--json",
          "--json-lines",
          "--help",
          "-h",
          "--version",
          "-V",
          "--set",
          "security.pii.style=mask",
          "agentkeel.budget.max-steps=2",
          "--model",
          "offline",
          "openai",
          "anthropic",
          "ollama",
          "--model-name",
          "--session",
          "--scopes",
          "orders:read,orders:write",
          "--attribute",
          "document_id=D-1002",
          "--reviewer",
          "--reason",
          "--comment",
          "--revision",
          "--plugins",
          "--",
          "-",
          "=",
          "",
          "Where is order A-1001?",
          "rev-1");

  private static final List<String> PROGRAMMING_ERRORS =
      List.of(
          "NullPointerException",
          "IndexOutOfBoundsException",
          "ArrayIndexOutOfBoundsException",
          "StringIndexOutOfBoundsException",
          "ClassCastException",
          "NumberFormatException",
          "NoSuchElementException",
          "UnsupportedOperationException",
          "ConcurrentModificationException");

  private static final Path DATA_DIR = scratch();

  @FuzzTest(maxDuration = "10m")
  void anyArgumentsEndInADocumentedStatus(FuzzedDataProvider data) {
    List<String> args = new ArrayList<>(List.of("--data-dir", DATA_DIR.toString()));
    int count = data.consumeInt(0, 8);
    for (int i = 0; i < count; i++) {
      String arg =
          data.consumeBoolean()
              ? WORDS.get(data.consumeInt(0, WORDS.size() - 1))
              : data.consumeString(32);
      if (outsideTheScratchDirectory(arg)) {
        return;
      }
      args.add(arg);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream stdin = System.in;
    int status;
    try {
      System.setIn(new ByteArrayInputStream(data.consumeRemainingAsBytes()));
      status =
          AgentKeelCli.execute(
              args.toArray(String[]::new),
              new PrintWriter(out),
              new PrintWriter(err),
              Map.of("AGENTKEEL_DATA_DIR", DATA_DIR.toString()));
    } finally {
      System.setIn(stdin);
    }

    assertThat(status).as("exit status of %s", args).isIn(0, 1, 2);
    String messages = err.toString();
    assertThat(messages).as("no stack trace for %s", args).doesNotContain("\tat ");
    for (String error : PROGRAMMING_ERRORS) {
      assertThat(messages).as("a message, not a %s, for %s", error, args).doesNotContain(error);
    }
    if (status == 2) {
      assertThat(messages).as("bad usage says what was wrong").isNotBlank();
    }
  }

  private static boolean outsideTheScratchDirectory(String arg) {
    return arg.startsWith("@")
        || arg.startsWith("--data-dir")
        || arg.startsWith("--html")
        || arg.startsWith("--base-url")
        || arg.equals("demo");
  }

  private static Path scratch() {
    try {
      Path dir = Files.createTempDirectory("rel-cli-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.agentkeel.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Agent instances of the crash matrix, each its own JVM running {@link ClusterWorkerMain}; their
 * output lines are gathered, and the one that reaches the kill point is SIGKILLed.
 */
final class Instances implements AutoCloseable {

  /** The instance that was killed, and when (epoch milliseconds). */
  record Killed(String point, int instance, long atMillis) {}

  private record Line(int instance, String text) {}

  private final List<Process> processes = new ArrayList<>();
  private final List<Line> lines = new CopyOnWriteArrayList<>();

  Instances(String prefix, String queue, String point, String write, int count) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < count; i++) {
      Process process =
          new ProcessBuilder(
                  java,
                  "--sun-misc-unsafe-memory-access=allow",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ClusterWorkerMain.class.getName(),
                  prefix,
                  queue,
                  point,
                  write)
              .redirectError(log(prefix, i))
              .start();
      processes.add(process);
      int instance = i;
      Thread.ofPlatform()
          .daemon()
          .name("instance-" + i + "-output")
          .start(() -> read(instance, process));
    }
  }

  /** Each instance's log (stderr) goes to {@code target/instances/}, to read when a run fails. */
  private static java.io.File log(String prefix, int instance) throws IOException {
    Path dir = Path.of("target", "instances");
    java.nio.file.Files.createDirectories(dir);
    return dir.resolve(prefix + instance + ".log").toFile();
  }

  private void read(int instance, Process process) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(new Line(instance, line));
      }
    } catch (IOException e) {
      lines.add(new Line(instance, "OUTPUT LOST " + e));
    }
  }

  /** Waits until every instance consumes the queue. */
  void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lines.stream().filter(l -> l.text().equals("READY")).count() < processes.size()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("instances not ready within 60 s: " + lines());
      }
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new AssertionError("an instance exited before it was ready: " + lines());
        }
      }
      Thread.sleep(20);
    }
  }

  /**
   * Waits for an instance to print {@code AT <point>} and SIGKILLs it: no shutdown hook, no flush
   * of anything still buffered, its socket to the broker closed by the kernel.
   */
  Killed killAtPoint(int timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      for (Line line : lines) {
        if (line.text().startsWith("AT ")) {
          Process victim = processes.get(line.instance());
          victim.toHandle().destroyForcibly();
          long at = System.currentTimeMillis();
          victim.waitFor(30, TimeUnit.SECONDS);
          return new Killed(line.text().substring(3), line.instance(), at);
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no instance reached its kill point: " + lines());
  }

  /** Every line printed so far, as {@code <instance>: <line>}. */
  List<String> lines() {
    return lines.stream().map(l -> l.instance() + ": " + l.text()).toList();
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.toHandle().destroyForcibly();
    }
    for (Process process : processes) {
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}

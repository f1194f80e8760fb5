package io.agentkeel.examples.cli;

import io.agentkeel.api.Configuration;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.tools.spi.Tool;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a module adds to the command line, found by {@link java.util.ServiceLoader} on the command
 * line's class path. Every method's default says the module does not offer that part; a command
 * whose part no module offers exits with status 2 and names the module to add.
 *
 * <p>Implementations live in agent-examples (which may depend on every module) and are listed in
 * {@code META-INF/services/io.agentkeel.examples.cli.CommandSupport}; they must have a public
 * no-argument constructor and do no work until asked.
 */
public interface CommandSupport {

  /**
   * The module this support comes from, such as {@code agent-security}.
   *
   * @return the module's name
   */
  String module();

  /**
   * The persistent review queue (agent-memory), in the store the settings name, the one the agents'
   * memory uses: embedded under the data directory, or a shared database. A queue that is also
   * {@link AutoCloseable} is closed when the command is done with it.
   *
   * @param dataDir the command line's data directory
   * @param settings the settings the agents read, such as {@code memory.working.jdbc-url}
   * @return the queue, if this module offers one
   * @throws IllegalArgumentException if a setting the module reads is invalid
   */
  default Optional<ReviewQueue> reviewQueue(Path dataDir, Configuration settings) {
    return Optional.empty();
  }

  /**
   * The tools this module's extension gives the agents, for {@code tools} and {@code tools lint} to
   * list; they are described, never called.
   *
   * @return the tools, empty if the module gives none
   */
  default List<Tool<?, ?>> tools() {
    return List.of();
  }

  /**
   * Redacts PII and secrets from one line of text (agent-security), in the style the settings
   * choose, as the agents' output filter does.
   *
   * @param dataDir the command line's data directory
   * @param settings the settings the agents read, such as {@code security.pii-style}
   * @return the redactor, if this module offers one
   * @throws IllegalArgumentException if a setting the module reads is invalid
   */
  default Optional<Redactor> redactor(Path dataDir, Configuration settings) {
    return Optional.empty();
  }

  /**
   * Scores text for prompt injection (agent-security).
   *
   * @param dataDir the command line's data directory
   * @return the scanner, if this module offers one
   */
  default Optional<InjectionScanner> injectionScanner(Path dataDir) {
    return Optional.empty();
  }

  /**
   * The audit log's checks (agent-security), over the audit log the agents write.
   *
   * @param dataDir the command line's data directory
   * @param settings the settings the agents read, such as {@code security.audit-file}
   * @return the audit commands, if this module offers them
   * @throws IllegalArgumentException if a setting the module reads is invalid
   */
  default Optional<AuditCommands> audit(Path dataDir, Configuration settings) {
    return Optional.empty();
  }

  /**
   * Records user feedback (agent-observability).
   *
   * @param dataDir the command line's data directory
   * @return the recorder, if this module offers one
   */
  default Optional<FeedbackRecorder> feedback(Path dataDir) {
    return Optional.empty();
  }

  /**
   * Renders the metrics report (agent-observability) over the tasks that ended from a given time.
   *
   * @param dataDir the command line's data directory
   * @param from the start of the report's window; it ends now
   * @return the reporter, if this module offers one
   */
  default Optional<Reporter> reporter(Path dataDir, Instant from) {
    return Optional.empty();
  }

  /** Redacts text. */
  @FunctionalInterface
  interface Redactor {
    /**
     * Redacts one line.
     *
     * @param line the text
     * @return the text with PII and secrets replaced
     */
    String redact(String line);
  }

  /** Scores text for prompt injection. */
  @FunctionalInterface
  interface InjectionScanner {
    /**
     * Scores one text.
     *
     * @param text the text
     * @return the score, from 0 (benign) to 1 (injection)
     */
    double score(String text);
  }

  /** The audit log's checks. */
  interface AuditCommands {
    /**
     * Verifies the hash chain.
     *
     * @return the result
     */
    AuditVerification verify();

    /**
     * The access-pattern review per principal and tool.
     *
     * @param json JSON rather than text
     * @return the review
     */
    String accessReview(boolean json);
  }

  /**
   * The result of verifying the audit log.
   *
   * @param intact whether no entry was altered, deleted, reordered or truncated
   * @param message what was checked, or the first broken entry
   */
  record AuditVerification(boolean intact, String message) {}

  /** Records feedback on a task. */
  @FunctionalInterface
  interface FeedbackRecorder {
    /**
     * Records it.
     *
     * @param taskId the task
     * @param up thumbs up, or down
     * @param comment what the user said, if anything
     */
    void record(String taskId, boolean up, Optional<String> comment);
  }

  /** Renders the metrics report. */
  interface Reporter {
    /**
     * The report as text.
     *
     * @return the text
     */
    String text();

    /**
     * The report as JSON.
     *
     * @return the JSON text
     */
    String json();

    /**
     * The report as a self-contained HTML page.
     *
     * @return the page
     */
    String html();
  }
}

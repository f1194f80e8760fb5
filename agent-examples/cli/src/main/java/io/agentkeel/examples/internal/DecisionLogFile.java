package io.agentkeel.examples.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import io.agentkeel.observability.DecisionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Routes agent-observability's decision log (the logger {@value DecisionLog#LOGGER_NAME}) to a JSON
 * Lines file, the file the reports are computed from. Done at run time because the file lies under
 * the data directory, which is known only once the arguments are parsed. Thread-safe.
 */
public final class DecisionLogFile {

  private static final String APPENDER = "agentkeel-decision-log-file";

  private static Path current;

  private DecisionLogFile() {}

  /**
   * Appends the decision log to a file from now on, instead of any file given before. Does nothing
   * when SLF4J is bound to something other than Logback: that application routes the logger itself.
   *
   * @param file the JSON Lines file; its directory is created if needed
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static synchronized void routeTo(Path file) {
    Path absolute = file.toAbsolutePath();
    if (absolute.equals(current)
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + absolute, e);
    }
    Logger logger = context.getLogger(DecisionLog.LOGGER_NAME);
    Appender<ILoggingEvent> previous = logger.getAppender(APPENDER);
    if (previous != null) {
      logger.detachAppender(previous);
      previous.stop();
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.setFile(absolute.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    current = absolute;
  }
}

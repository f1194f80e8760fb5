package io.agentkeel.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Keeps the tests of projects that use the test kit quiet: the test kit brings Logback as the SLF4J
 * provider (so SLF4J does not warn that it has none), and this configurator, found by Logback
 * through {@link java.util.ServiceLoader}, logs warnings and errors to the console when the project
 * has no Logback configuration of its own.
 *
 * <p>A {@code logback-test.xml} or {@code logback.xml} on the class path, or the {@code
 * logback.configurationFile} system property, wins: this configurator then does nothing. A project
 * that uses another SLF4J provider excludes {@code ch.qos.logback:logback-classic} from its {@code
 * agent-testkit} dependency.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class QuietTestLogging extends ContextAwareBase implements Configurator {

  private final ClassLoader classLoader;

  /** Made by Logback. */
  public QuietTestLogging() {
    this(QuietTestLogging.class.getClassLoader());
  }

  QuietTestLogging(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /**
   * Configures warnings to the console, unless the project configures Logback itself.
   *
   * @param context the logger context
   * @return whether Logback's own configurators should run next
   */
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || classLoader.getResource("logback-test.xml") != null
        || classLoader.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%-5level %logger{36} - %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("agentkeel-testkit-console");
    console.setEncoder(encoder);
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(console);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}

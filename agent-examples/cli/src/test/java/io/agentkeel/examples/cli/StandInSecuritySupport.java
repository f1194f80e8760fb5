package io.agentkeel.examples.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Plays agent-security's part of the command line in tests until that module lands: redacts e-mail
 * addresses and scores one well-known injection phrase.
 */
public final class StandInSecuritySupport implements CommandSupport {

  /** Found by ServiceLoader. */
  public StandInSecuritySupport() {}

  @Override
  public String module() {
    return "stand-in for agent-security (tests only)";
  }

  @Override
  public Optional<Redactor> redactor(Path dataDir) {
    return Optional.of(line -> line.replaceAll("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+", "<EMAIL>"));
  }

  @Override
  public Optional<InjectionScanner> injectionScanner(Path dataDir) {
    return Optional.of(
        text -> text.toLowerCase(Locale.ROOT).contains("ignore previous instructions") ? 1.0 : 0.0);
  }
}

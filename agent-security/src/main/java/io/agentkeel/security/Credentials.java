package io.agentkeel.security;

import io.agentkeel.api.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Credentials per environment. The active environment ({@code security.environment}: dev, staging,
 * prod; dev by default) selects where each secret comes from: {@code
 * security.secrets.<environment>.<name> = env:VARIABLE} or {@code file:/path/to/file}. Every
 * declared secret is loaded at start-up; a missing one fails start-up with a message naming it and
 * where it was looked for, never a value.
 *
 * <p>Immutable and thread-safe.
 */
public final class Credentials {
  private final String environment;
  private final Map<String, Secret> secrets;

  private Credentials(String environment, Map<String, Secret> secrets) {
    this.environment = environment;
    this.secrets = Map.copyOf(secrets);
  }

  /**
   * Loads the secrets of the active environment from the process environment and files.
   *
   * @param configuration the agent's configuration
   * @return the credentials
   * @throws IllegalStateException naming the first missing secret
   */
  public static Credentials load(Configuration configuration) {
    return load(configuration, System::getenv);
  }

  /**
   * Loads the secrets of the active environment.
   *
   * @param configuration the agent's configuration
   * @param env reads an environment variable (null when unset)
   * @return the credentials
   * @throws IllegalStateException naming the first missing secret
   * @throws IllegalArgumentException naming a source that is neither env: nor file:
   */
  public static Credentials load(Configuration configuration, Function<String, String> env) {
    String environment =
        configuration.get("security.environment").orElse("dev").toLowerCase(Locale.ROOT);
    if (!environment.matches("dev|staging|prod")) {
      throw new IllegalArgumentException(
          "security.environment is '" + environment + "'; use dev, staging or prod");
    }
    // The other environments' secrets are read too, though not resolved: they are settings in use
    // (one file serves dev, staging and prod), not unknown ones to warn about.
    for (String other : List.of("dev", "staging", "prod")) {
      configuration.withPrefix("security.secrets." + other);
    }
    Map<String, Secret> out = new TreeMap<>();
    Map<String, String> declared =
        new TreeMap<>(configuration.withPrefix("security.secrets." + environment));
    for (Map.Entry<String, String> d : declared.entrySet()) {
      String name = d.getKey();
      String source = d.getValue().strip();
      String value;
      if (source.startsWith("env:")) {
        String variable = source.substring(4);
        value = env.apply(variable);
        // Stripped as a file's is: a trailing line break set with the variable is not part of
        // the secret, and left in, the bare value would not be recognised in output.
        value = value == null ? null : value.strip();
        if (value == null || value.isEmpty()) {
          throw new IllegalStateException(
              "secret '"
                  + name
                  + "' for environment '"
                  + environment
                  + "' is missing: environment variable "
                  + variable
                  + " is not set");
        }
      } else if (source.startsWith("file:")) {
        Path file = Path.of(source.substring(5));
        try {
          value = Files.readString(file).strip();
        } catch (IOException e) {
          throw new IllegalStateException(
              "secret '"
                  + name
                  + "' for environment '"
                  + environment
                  + "' is missing: file "
                  + file
                  + " cannot be read ("
                  + e.getClass().getSimpleName()
                  + ")");
        }
        if (value.isEmpty()) {
          throw new IllegalStateException(
              "secret '"
                  + name
                  + "' for environment '"
                  + environment
                  + "' is missing: file "
                  + file
                  + " is empty");
        }
      } else {
        throw new IllegalArgumentException(
            "security.secrets."
                + environment
                + "."
                + name
                + " must be env:VARIABLE or file:/path, got a value of another form");
      }
      out.put(name, new Secret(name, source, value));
    }
    return new Credentials(environment, out);
  }

  /**
   * The active environment.
   *
   * @return dev, staging or prod
   */
  public String environment() {
    return environment;
  }

  /**
   * One secret.
   *
   * @param name its name
   * @return the secret, if declared
   */
  public Optional<Secret> secret(String name) {
    return Optional.ofNullable(secrets.get(name));
  }

  /**
   * Every secret, for the filter that keeps their values out of every output.
   *
   * @return the secrets
   */
  public Collection<Secret> all() {
    return secrets.values();
  }

  @Override
  public String toString() {
    return "Credentials[environment=" + environment + ", secrets=" + secrets.keySet() + "]";
  }
}

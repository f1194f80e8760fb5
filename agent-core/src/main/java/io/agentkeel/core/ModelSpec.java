package io.agentkeel.core;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat model described by configuration rather than code: which provider, which model, where, and
 * which environment variable holds the API key (the key itself never appears in configuration or
 * logs). A local OpenAI-compatible server that needs no key (vLLM, LM Studio, llama.cpp) is {@link
 * #openAiCompatible(String, String)}: no key variable, no {@code Authorization} header. An
 * OpenAI-compatible endpoint on this machine ({@code localhost}, {@code 127.x.x.x}, {@code [::1]})
 * needs no key either when it has a key variable: if the variable is not set, no key is sent, so
 * {@code parse("openai:gpt-4o-mini", env)} with {@code OPENAI_BASE_URL=http://127.0.0.1:8000/v1}
 * works without {@code OPENAI_API_KEY}.
 *
 * <p>{@link #withHttpLogging(boolean)} logs every request and response of an OpenAI-compatible
 * model at INFO on the logger {@code io.agentkeel.model.http}, with the {@code Authorization}
 * header, the key and JSON fields named like keys, tokens or secrets masked.
 *
 * <p>Provider retries are turned off: a failing call moves to the next model of the agent's
 * fallback chain instead, which is recorded as an event.
 *
 * @param provider the kind of endpoint
 * @param modelName the provider's model name, such as {@code gpt-4o-mini}
 * @param baseUrl the endpoint, when not the provider's default
 * @param apiKeyVariable the environment variable holding the API key, when the provider needs one
 * @param timeout how long one call may take
 * @param httpLogging whether an OpenAI-compatible model logs its requests and responses, masked
 */
public record ModelSpec(
    Provider provider,
    String modelName,
    Optional<String> baseUrl,
    Optional<String> apiKeyVariable,
    Duration timeout,
    boolean httpLogging) {

  /** The kinds of endpoint AgentKeel configures by name. */
  public enum Provider {
    /** Any endpoint speaking the OpenAI chat-completions protocol (OpenAI, vLLM, LM Studio...). */
    OPENAI_COMPATIBLE,
    /** Anthropic's Messages API. */
    ANTHROPIC,
    /** An Ollama server. */
    OLLAMA
  }

  /** The default timeout of one model call. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if the model name is blank
   */
  public ModelSpec {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKeyVariable, "apiKeyVariable");
    Objects.requireNonNull(timeout, "timeout");
    if (modelName.isBlank()) {
      throw new IllegalArgumentException("a model spec needs a model name");
    }
  }

  /**
   * A spec without HTTP logging.
   *
   * @param provider the kind of endpoint
   * @param modelName the provider's model name
   * @param baseUrl the endpoint, when not the provider's default
   * @param apiKeyVariable the environment variable holding the API key, when the provider needs one
   * @param timeout how long one call may take
   * @throws IllegalArgumentException if the model name is blank
   */
  public ModelSpec(
      Provider provider,
      String modelName,
      Optional<String> baseUrl,
      Optional<String> apiKeyVariable,
      Duration timeout) {
    this(provider, modelName, baseUrl, apiKeyVariable, timeout, false);
  }

  /**
   * An OpenAI-compatible endpoint that needs no API key, such as a local vLLM, LM Studio or
   * llama.cpp server. No {@code Authorization} header is sent and no environment variable is read.
   *
   * @param baseUrl the endpoint, such as {@code http://localhost:8000/v1}
   * @param modelName the model
   * @return the spec
   */
  public static ModelSpec openAiCompatible(String baseUrl, String modelName) {
    return new ModelSpec(
        Provider.OPENAI_COMPATIBLE,
        modelName,
        Optional.of(baseUrl),
        Optional.empty(),
        DEFAULT_TIMEOUT);
  }

  /**
   * An OpenAI-compatible endpoint.
   *
   * @param baseUrl the endpoint, such as {@code https://api.openai.com/v1}
   * @param modelName the model
   * @param apiKeyVariable the environment variable holding the key, such as {@code OPENAI_API_KEY}
   * @return the spec
   */
  public static ModelSpec openAiCompatible(
      String baseUrl, String modelName, String apiKeyVariable) {
    return new ModelSpec(
        Provider.OPENAI_COMPATIBLE,
        modelName,
        Optional.of(baseUrl),
        Optional.of(apiKeyVariable),
        DEFAULT_TIMEOUT);
  }

  /**
   * An Anthropic model.
   *
   * @param modelName the model
   * @param apiKeyVariable the environment variable holding the key, such as {@code
   *     ANTHROPIC_API_KEY}
   * @return the spec
   */
  public static ModelSpec anthropic(String modelName, String apiKeyVariable) {
    return new ModelSpec(
        Provider.ANTHROPIC,
        modelName,
        Optional.empty(),
        Optional.of(apiKeyVariable),
        DEFAULT_TIMEOUT);
  }

  /**
   * A model served by Ollama.
   *
   * @param baseUrl the server, such as {@code http://localhost:11434}
   * @param modelName the model
   * @return the spec
   */
  public static ModelSpec ollama(String baseUrl, String modelName) {
    return new ModelSpec(
        Provider.OLLAMA, modelName, Optional.of(baseUrl), Optional.empty(), DEFAULT_TIMEOUT);
  }

  /**
   * Reads a spec of the form {@code provider:model}, with the provider's usual defaults: {@code
   * openai:gpt-4o-mini} (key in {@code OPENAI_API_KEY}, endpoint in {@code OPENAI_BASE_URL} or
   * OpenAI's), {@code anthropic:claude-sonnet-4-5} (key in {@code ANTHROPIC_API_KEY}), {@code
   * ollama:llama3.2} (server in {@code OLLAMA_BASE_URL} or {@code http://localhost:11434}). HTTP
   * logging is on when {@code AGENTKEEL_MODEL_LOG_HTTP} is {@code true}.
   *
   * @param spec the text
   * @param environment the environment to read endpoint variables from
   * @return the spec; an {@code openai} endpoint on this machine needs no key when it is created
   * @throws IllegalArgumentException if the text is not of that form or names another provider
   */
  public static ModelSpec parse(String spec, Map<String, String> environment) {
    int colon = spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new IllegalArgumentException(
          "model spec '" + spec + "' must be provider:model, e.g. openai:gpt-4o-mini");
    }
    String provider = spec.substring(0, colon).toLowerCase(Locale.ROOT);
    String model = spec.substring(colon + 1);
    boolean logging = Boolean.parseBoolean(environment.get("AGENTKEEL_MODEL_LOG_HTTP"));
    return parse(spec, provider, model, environment).withHttpLogging(logging);
  }

  private static ModelSpec parse(
      String spec, String provider, String model, Map<String, String> environment) {
    return switch (provider) {
      case "openai" ->
          openAiCompatible(
              environment.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"),
              model,
              "OPENAI_API_KEY");
      case "anthropic" -> anthropic(model, "ANTHROPIC_API_KEY");
      case "ollama" ->
          ollama(environment.getOrDefault("OLLAMA_BASE_URL", "http://localhost:11434"), model);
      default ->
          throw new IllegalArgumentException(
              "model spec '"
                  + spec
                  + "' names provider '"
                  + provider
                  + "'; use openai, anthropic or ollama");
    };
  }

  /**
   * A copy with another call timeout.
   *
   * @param callTimeout how long one call may take
   * @return the copy
   */
  public ModelSpec withTimeout(Duration callTimeout) {
    return new ModelSpec(provider, modelName, baseUrl, apiKeyVariable, callTimeout, httpLogging);
  }

  /**
   * A copy that does, or does not, log requests and responses. Only OpenAI-compatible models log;
   * credentials are masked.
   *
   * @param enabled whether to log
   * @return the copy
   */
  public ModelSpec withHttpLogging(boolean enabled) {
    return new ModelSpec(provider, modelName, baseUrl, apiKeyVariable, timeout, enabled);
  }

  /**
   * Creates the model, reading the API key from the process environment.
   *
   * @return the chat model
   * @throws IllegalStateException if the key's environment variable is not set, unless the endpoint
   *     is an OpenAI-compatible one on this machine
   */
  public ChatModel create() {
    return create(System.getenv());
  }

  /**
   * Creates the model, reading the API key from the given environment.
   *
   * @param environment variables by name
   * @return the chat model
   * @throws IllegalStateException if the key's environment variable is not set, unless the endpoint
   *     is an OpenAI-compatible one on this machine
   */
  public ChatModel create(Map<String, String> environment) {
    return switch (provider) {
      case OPENAI_COMPATIBLE -> {
        // A keyless endpoint gets no key at all, so no Authorization header is sent.
        String url = baseUrl.orElse("https://api.openai.com/v1");
        String key =
            apiKeyVariable.isEmpty() || (keyMissing(environment) && onThisMachine(url))
                ? null
                : apiKey(environment);
        yield OpenAiChatModel.builder()
            .baseUrl(url)
            .apiKey(key)
            .modelName(modelName)
            .timeout(timeout)
            .maxRetries(0)
            .httpClientBuilder(ModelHttpClient.builder(httpLogging, key))
            .build();
      }
      case ANTHROPIC -> {
        AnthropicChatModel.AnthropicChatModelBuilder builder =
            AnthropicChatModel.builder()
                .apiKey(apiKey(environment))
                .modelName(modelName)
                .timeout(timeout)
                .maxRetries(0);
        baseUrl.ifPresent(builder::baseUrl);
        yield builder.build();
      }
      case OLLAMA ->
          OllamaChatModel.builder()
              .baseUrl(baseUrl.orElse("http://localhost:11434"))
              .modelName(modelName)
              .timeout(timeout)
              .maxRetries(0)
              .build();
    };
  }

  private boolean keyMissing(Map<String, String> environment) {
    String key = apiKeyVariable.map(environment::get).orElse(null);
    return key == null || key.isBlank();
  }

  /**
   * Whether a URL names this machine by a loopback name or address ({@code localhost}, {@code
   * 127.x.x.x}, {@code [::1]}); other names are not resolved.
   *
   * @param url an endpoint, such as {@code http://127.0.0.1:8000/v1}
   * @return whether the endpoint is on this machine
   */
  static boolean onThisMachine(String url) {
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
      return false; // a name other than localhost: never looked up
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private String apiKey(Map<String, String> environment) {
    String variable =
        apiKeyVariable.orElseThrow(() ->
            new IllegalStateException(
                "model '"
                    + modelName
                    + "' needs the name of the environment variable holding its API key"));
    String key = environment.get(variable);
    if (key == null || key.isBlank()) {
      throw new IllegalStateException(
          "model '"
              + modelName
              + "' reads its API key from environment variable "
              + variable
              + ", which is not set");
    }
    return key;
  }
}

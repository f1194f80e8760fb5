package io.agentkeel.core;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.agentkeel.core.tool.internal.Json;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP client under the OpenAI-compatible models that {@link ModelSpec} makes. It does two
 * things to LangChain4j's default client:
 *
 * <ul>
 *   <li>It sends {@code additionalProperties: false} on each tool's parameters. LangChain4j writes
 *       that keyword at the root only for strict tools, and strict tools make OpenAI reject {@code
 *       minLength}, {@code maxLength} and {@code default}; AgentKeel's tools never accept an
 *       argument they do not declare, so the model should know.
 *   <li>When asked, it logs each request and response at INFO on the logger {@value #LOGGER}, with
 *       credentials masked: the value of every header whose name suggests a credential ({@code
 *       Authorization}, {@code api-key}, tokens, cookies), the API key wherever it appears, and
 *       JSON fields named like keys, tokens, secrets or passwords.
 * </ul>
 */
final class ModelHttpClient implements HttpClient {

  /** The logger of requests and responses. */
  static final String LOGGER = "io.agentkeel.model.http";

  static final String MASK = "****";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final Pattern SECRET_HEADER =
      Pattern.compile("auth|api-?_?key|token|secret|password|credential|cookie");
  private static final Pattern SECRET_FIELD =
      Pattern.compile(
          "(\"[^\"]*(?:api[-_]?key|token|secret|password|authorization)[^\"]*\"\\s*:\\s*)\"[^\"]*\"",
          Pattern.CASE_INSENSITIVE);

  private final HttpClient delegate;
  private final boolean log;
  private final String key;

  ModelHttpClient(HttpClient delegate, boolean log, String key) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.log = log;
    this.key = key;
  }

  /**
   * A builder of this client over LangChain4j's default HTTP client.
   *
   * @param log whether to log requests and responses
   * @param key the API key to mask, or null
   * @return the builder
   */
  static HttpClientBuilder builder(boolean log, String key) {
    HttpClientBuilder defaults = HttpClientBuilderLoader.loadHttpClientBuilder();
    return new HttpClientBuilder() {
      @Override
      public Duration connectTimeout() {
        return defaults.connectTimeout();
      }

      @Override
      public HttpClientBuilder connectTimeout(Duration timeout) {
        defaults.connectTimeout(timeout);
        return this;
      }

      @Override
      public Duration readTimeout() {
        return defaults.readTimeout();
      }

      @Override
      public HttpClientBuilder readTimeout(Duration timeout) {
        defaults.readTimeout(timeout);
        return this;
      }

      @Override
      public HttpClient build() {
        return new ModelHttpClient(defaults.build(), log, key);
      }
    };
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    HttpRequest sent = completeToolSchemas(request);
    if (log) {
      LOG.info(
          "model request: {} {} headers {} body {}",
          sent.method(),
          sent.url(),
          headers(sent.headers()),
          mask(sent.body()));
    }
    SuccessfulHttpResponse response = delegate.execute(sent);
    if (log) {
      LOG.info(
          "model response: {} headers {} body {}",
          response.statusCode(),
          headers(response.headers()),
          mask(response.body()));
    }
    return response;
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    HttpRequest sent = completeToolSchemas(request);
    if (log) {
      LOG.info(
          "model request (streaming): {} {} headers {} body {}",
          sent.method(),
          sent.url(),
          headers(sent.headers()),
          mask(sent.body()));
    }
    delegate.execute(sent, parser, listener);
  }

  /** Adds {@code additionalProperties: false} to tool parameters that do not say. */
  static HttpRequest completeToolSchemas(HttpRequest request) {
    String body = request.body();
    if (body == null || !body.contains("\"tools\"")) {
      return request;
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      return request;
    }
    boolean changed = false;
    for (JsonNode tool : tree.path("tools")) {
      if (tool.path("function").path("parameters") instanceof ObjectNode parameters
          && "object".equals(parameters.path("type").asString(""))
          && !parameters.has("additionalProperties")) {
        parameters.put("additionalProperties", false);
        changed = true;
      }
    }
    if (!changed) {
      return request;
    }
    return HttpRequest.builder()
        .method(request.method())
        .url(request.url())
        .headers(request.headers())
        .body(Json.MAPPER.writeValueAsString(tree))
        .build();
  }

  private String headers(Map<String, List<String>> headers) {
    if (headers == null) {
      return "{}";
    }
    return headers.entrySet().stream()
        .map(header ->
            header.getKey()
                + ": "
                + (SECRET_HEADER.matcher(header.getKey().toLowerCase(Locale.ROOT)).find()
                    ? MASK
                    : mask(String.join(", ", header.getValue()))))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** Masks the API key wherever it appears, and JSON fields named like credentials. */
  String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = key == null || key.isEmpty() ? text : text.replace(key, MASK);
    return SECRET_FIELD.matcher(masked).replaceAll("$1\"" + MASK + "\"");
  }
}

package io.agentkeel.memory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a review request as JSON and reads it back, field by field, so that the stored form does
 * not depend on reflection over the API records.
 */
public final class ReviewRequestJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReviewRequestJson() {}

  /**
   * Writes a request.
   *
   * @param request the request
   * @return its JSON
   */
  public static String write(ReviewRequest request) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("v", 1);
    root.put("id", request.id());
    Task task = request.task();
    ObjectNode t = root.putObject("task");
    t.put("id", task.id());
    t.put("input", task.input());
    t.put("workflow", task.workflow());
    task.sessionId().ifPresent(session -> t.put("sessionId", session));
    ObjectNode attributes = t.putObject("attributes");
    task.attributes().forEach(attributes::put);
    ObjectNode p = t.putObject("principal");
    p.put("id", task.principal().id());
    p.put("tenant", task.principal().tenant());
    ArrayNode scopes = p.putArray("scopes");
    task.principal().grantedScopes().forEach(scopes::add);
    root.put("kind", request.kind().name());
    root.put("priority", request.priority().name());
    root.put("reason", request.reason());
    request.proposedAnswer().ifPresent(answer -> root.put("proposedAnswer", answer));
    request
        .confidence()
        .ifPresent(c -> {
          ObjectNode confidence = root.putObject("confidence");
          confidence.put("value", c.value());
          confidence.put("summary", c.summary());
        });
    request
        .pendingCall()
        .ifPresent(call -> {
          ObjectNode pending = root.putObject("pendingCall");
          pending.put("tool", call.tool());
          pending.put("argumentsJson", call.argumentsJson());
          ArrayNode callScopes = pending.putArray("scopes");
          call.scopes().forEach(callScopes::add);
        });
    root.put("state", request.state());
    root.put("createdAt", request.createdAt().toString());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write review request '" + request.id() + "'", e);
    }
  }

  /**
   * Reads a request written by {@link #write}.
   *
   * @param json the JSON
   * @return the request
   * @throws IllegalStateException if the JSON is not a stored request
   */
  public static ReviewRequest read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored review request is not valid JSON", e);
    }
    JsonNode t = root.path("task");
    JsonNode p = t.path("principal");
    Set<String> scopes = new LinkedHashSet<>();
    p.path("scopes").forEach(scope -> scopes.add(scope.asText()));
    Map<String, String> attributes = new LinkedHashMap<>();
    t.path("attributes")
        .properties()
        .forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
    Task task =
        new Task(
            t.path("id").asText(),
            t.path("input").asText(),
            new Principal(p.path("id").asText(), p.path("tenant").asText(), scopes),
            t.path("workflow").asText(),
            t.hasNonNull("sessionId") ? Optional.of(t.get("sessionId").asText()) : Optional.empty(),
            attributes);
    Optional<Confidence> confidence =
        root.hasNonNull("confidence")
            ? Optional.of(
                new Confidence(
                    root.get("confidence").path("value").asDouble(),
                    root.get("confidence").path("summary").asText()))
            : Optional.empty();
    Optional<PendingToolCall> pending = Optional.empty();
    if (root.hasNonNull("pendingCall")) {
      JsonNode call = root.get("pendingCall");
      List<String> callScopes = new ArrayList<>();
      call.path("scopes").forEach(scope -> callScopes.add(scope.asText()));
      pending =
          Optional.of(
              new PendingToolCall(
                  call.path("tool").asText(), call.path("argumentsJson").asText(), callScopes));
    }
    return new ReviewRequest(
        root.path("id").asText(),
        task,
        ReviewKind.valueOf(root.path("kind").asText()),
        Priority.valueOf(root.path("priority").asText()),
        root.path("reason").asText(),
        root.hasNonNull("proposedAnswer")
            ? Optional.of(root.get("proposedAnswer").asText())
            : Optional.empty(),
        confidence,
        pending,
        root.path("state").asText(),
        Instant.parse(root.path("createdAt").asText()));
  }
}

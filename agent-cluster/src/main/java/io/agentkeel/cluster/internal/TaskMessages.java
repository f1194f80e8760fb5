package io.agentkeel.cluster.internal;

import com.rabbitmq.client.AMQP;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A task as an AMQP message: the input is the body (UTF-8), the task id the message id, and the
 * rest headers. No JSON: AMQP's own field tables carry strings, lists and tables.
 */
public final class TaskMessages {
  static final String VERSION = "agentkeel-version";
  static final String WORKFLOW = "agentkeel-workflow";
  static final String PRINCIPAL = "agentkeel-principal";
  static final String TENANT = "agentkeel-tenant";
  static final String SCOPES = "agentkeel-scopes";
  static final String SESSION = "agentkeel-session";
  static final String ATTRIBUTES = "agentkeel-attributes";

  /** The longest AMQP short string, in bytes. */
  static final int MAX_SHORT_STRING = 255;

  private TaskMessages() {}

  /**
   * The message's properties: persistent, with the task's fields as headers.
   *
   * @param task the task
   * @return the properties
   */
  public static AMQP.BasicProperties properties(Task task) {
    wellFormed("id", task.id());
    shortString("id", task.id());
    wellFormed("input", task.input());
    wellFormed("workflow", task.workflow());
    // A principal's id and tenant are well formed: Principal refuses an unpaired surrogate.
    task.sessionId().ifPresent(id -> wellFormed("session id", id));
    task.attributes()
        .forEach((name, value) -> {
          wellFormed("attribute name", name);
          shortString("attribute name", name);
          wellFormed("attribute '" + name + "'", value);
        });
    Map<String, Object> headers = new HashMap<>();
    headers.put(VERSION, 1);
    headers.put(WORKFLOW, task.workflow());
    headers.put(PRINCIPAL, task.principal().id());
    headers.put(TENANT, task.principal().tenant());
    headers.put(SCOPES, new ArrayList<Object>(task.principal().grantedScopes()));
    task.sessionId().ifPresent(id -> headers.put(SESSION, id));
    headers.put(ATTRIBUTES, new HashMap<String, Object>(task.attributes()));
    return new AMQP.BasicProperties.Builder()
        .messageId(task.id())
        .contentType("text/plain")
        .contentEncoding("UTF-8")
        .deliveryMode(2)
        .headers(headers)
        .build();
  }

  /**
   * The message's body.
   *
   * @param task the task
   * @return its input as UTF-8
   */
  public static byte[] body(Task task) {
    return task.input().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The task a message carries.
   *
   * @param properties the message's properties
   * @param body its body
   * @return the task
   * @throws IllegalArgumentException naming what is missing or wrong, if it is not a task message
   */
  public static Task task(AMQP.BasicProperties properties, byte[] body) {
    if (properties == null || properties.getMessageId() == null) {
      throw new IllegalArgumentException(
          "the message has no message id, which carries the task id");
    }
    Map<String, Object> headers =
        properties.getHeaders() == null ? Map.of() : properties.getHeaders();
    Principal principal =
        new Principal(
            required(headers, PRINCIPAL),
            required(headers, TENANT),
            new LinkedHashSet<>(strings(headers.get(SCOPES))));
    Task.Builder builder =
        Task.builder()
            .id(properties.getMessageId())
            .input(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8))
            .principal(principal)
            .workflow(required(headers, WORKFLOW));
    Object session = headers.get(SESSION);
    if (session != null) {
      builder.sessionId(session.toString());
    }
    if (headers.get(ATTRIBUTES) instanceof Map<?, ?> attributes) {
      attributes.forEach(
          (name, value) -> builder.attribute(name.toString(), String.valueOf(value)));
    }
    return builder.build();
  }

  /** Refuses text that UTF-8 cannot carry unchanged: an unpaired surrogate would arrive as '?'. */
  private static void wellFormed(String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "the task's "
                + field
                + " holds an unpaired UTF-16 surrogate at index "
                + i
                + ", which no message can carry unchanged; remove it (the input guard's"
                + " sanitiser does)");
      }
    }
  }

  /**
   * Refuses text that AMQP carries as a short string (the message id, a name in a header table) and
   * that is longer than one: the client would refuse it only while sending, after it counted the
   * publish, so that every later publisher confirm would answer the publish before it.
   */
  private static void shortString(String field, String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_SHORT_STRING) {
      throw new IllegalArgumentException(
          "the task's "
              + field
              + " is "
              + bytes
              + " bytes in UTF-8; a message carries at most "
              + MAX_SHORT_STRING
              + " (an AMQP short string): shorten it");
    }
  }

  private static String required(Map<String, Object> headers, String name) {
    Object value = headers.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the message has no header '" + name + "'");
    }
    return value.toString();
  }

  private static List<String> strings(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(list.size());
    list.forEach(item -> out.add(String.valueOf(item)));
    return out;
  }
}

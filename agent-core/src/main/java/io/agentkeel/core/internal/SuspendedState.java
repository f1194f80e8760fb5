package io.agentkeel.core.internal;

import java.util.List;

/**
 * The loop's state while a destructive call waits for a person, serialised as JSON into {@link
 * io.agentkeel.api.ReviewRequest#state()} so that any process holding the request can resume it.
 *
 * @param version the format's version, for compatibility checks
 * @param messagesJson the conversation so far, in LangChain4j's message JSON
 * @param pending the tool calls of the last model reply still to run; the first waits for a person
 * @param steps model calls made
 * @param inputTokens input tokens used
 * @param outputTokens output tokens used
 * @param toolErrors failed tool calls
 * @param retries repeated model calls
 * @param failedValidations failed validations
 * @param callCounts how often each call (tool and canonical arguments) ran
 */
record SuspendedState(
    int version,
    String messagesJson,
    List<PendingCall> pending,
    int steps,
    long inputTokens,
    long outputTokens,
    int toolErrors,
    int retries,
    int failedValidations,
    List<CallCount> callCounts) {

  static final int VERSION = 1;

  /** How often one call ran. */
  record CallCount(String tool, String argumentsJson, int count) {}

  /** One tool call of the model's reply, as the model made it. */
  record PendingCall(String id, String name, String arguments) {}
}

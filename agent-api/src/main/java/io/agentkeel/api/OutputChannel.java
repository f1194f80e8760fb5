package io.agentkeel.api;

/** Where a text leaves the agent; an {@link OutputFilter} may treat each differently. */
public enum OutputChannel {
  /** The final answer given to the caller. */
  ANSWER,
  /** The reasoning summary that comes with a confidence. */
  REASONING_SUMMARY,
  /** The text of a review request a person will read (reason, proposed answer, pending call). */
  REVIEW_REQUEST,
  /** A text field of an event: tool arguments, reasons, guard findings. */
  EVENT,
  /** A memory the agent is about to keep. */
  MEMORY_WRITE
}

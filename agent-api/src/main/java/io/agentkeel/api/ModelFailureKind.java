package io.agentkeel.api;

/** Why a model call failed; every kind moves on to the next model of the fallback chain. */
public enum ModelFailureKind {
  /** The model did not answer in time. */
  TIMEOUT,
  /** The provider answered with a server error. */
  SERVER_ERROR,
  /** The provider refused for its rate limit. */
  RATE_LIMITED,
  /** The answer could not be read. */
  INVALID_RESPONSE,
  /** Anything else: authentication, network, a client defect. */
  OTHER
}

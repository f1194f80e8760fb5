package io.agentkeel.observability.archfixture;

/** Fixture: stands for any class of agent-observability. */
public final class ObservabilityType {}

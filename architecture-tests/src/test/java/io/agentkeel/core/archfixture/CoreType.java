package io.agentkeel.core.archfixture;

/** Fixture: stands for any class of agent-core. */
public final class CoreType {}

package io.agentkeel.core.internal.archfixture;

/** Fixture: stands for an internal class of agent-core. */
public final class CoreInternalType {}

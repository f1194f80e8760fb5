package io.agentkeel.testkit.archfixture;

/** Fixture: stands for any class of agent-testkit. */
public final class TestkitType {}

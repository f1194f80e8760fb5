package io.agentkeel.examples.archfixture;

/** Fixture: stands for any class of agent-examples. */
public final class ExampleType {}

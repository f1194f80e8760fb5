/**
 * Contract tests for stores: abstract JUnit 5 classes that a store's own test extends, so that
 * every implementation of a review queue, an audit sink or a memory tier (session, working,
 * long-term), AgentKeel's or a user's, keeps the promises of its interface. Core's in-memory
 * defaults pass them first.
 */
package io.agentkeel.testkit.store;

/**
 * Contract tests for memory stores: abstract JUnit 5 classes that a store's own test extends, so
 * that every implementation of a tier, AgentKeel's or a user's, is checked the same way. The core
 * module's contracts for the review queue and the audit sink live here too.
 */
package io.agentkeel.testkit.store;

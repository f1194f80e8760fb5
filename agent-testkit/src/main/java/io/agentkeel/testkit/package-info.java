/**
 * For users' own tests: tool plugin contract tests, a scripted chat model and assertions on an
 * agent's trajectory.
 */
package io.agentkeel.testkit;

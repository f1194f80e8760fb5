/**
 * The {@code agentkeel} command line: run an example agent, list and lint tools, decide reviews,
 * run the demo, and the commands that the memory, security and observability modules add through
 * {@link io.agentkeel.examples.cli.CommandSupport}.
 */
package io.agentkeel.examples.cli;

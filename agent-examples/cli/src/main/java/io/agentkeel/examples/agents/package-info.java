/**
 * The example agents, each composed only of what its workflow needs: customer order support and
 * document review. {@link io.agentkeel.examples.agents.ExampleAgents} builds them for the command
 * line and for the demo.
 */
package io.agentkeel.examples.agents;

/**
 * Implementation classes of the examples and the command line; they may change at any time and are
 * not for use outside agent-examples.
 */
package io.agentkeel.examples.internal;

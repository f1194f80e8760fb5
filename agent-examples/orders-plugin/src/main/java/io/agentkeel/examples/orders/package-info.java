/**
 * An example third-party tool plugin: customer-order tools over an in-memory store, written against
 * agent-tools-spi alone and found by {@link java.util.ServiceLoader} through {@link
 * io.agentkeel.examples.orders.OrdersToolProvider}.
 */
package io.agentkeel.examples.orders;

/**
 * A second example third-party tool plugin: shipping-rate estimates. The command line does not have
 * it on its class path; it finds it in a plugin directory ({@code --plugins DIR}) through {@link
 * io.agentkeel.examples.shipping.ShippingToolProvider}.
 */
package io.agentkeel.examples.shipping;

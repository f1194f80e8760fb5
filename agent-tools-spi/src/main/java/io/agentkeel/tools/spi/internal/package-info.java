/**
 * Implementation details of the tool SPI. Not API: these classes may change or disappear in any
 * release, and no other module may use them.
 */
package io.agentkeel.tools.spi.internal;

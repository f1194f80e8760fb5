/**
 * Implementation details of the memory module. Not API: may change at any time, and no other module
 * may use it.
 */
package io.agentkeel.memory.internal;

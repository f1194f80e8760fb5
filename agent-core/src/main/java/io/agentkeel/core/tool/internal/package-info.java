/**
 * Implementation details of the tool catalog: schema generation, argument validation and binding.
 * Not API: these classes may change or disappear at any time, and no other module may use them.
 */
package io.agentkeel.core.tool.internal;

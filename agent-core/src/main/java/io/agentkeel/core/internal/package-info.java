/**
 * The loop's implementation. Not API: these classes may change or disappear in any release, and no
 * other module may use them.
 */
package io.agentkeel.core.internal;

/**
 * Implementation details of agent-security. Not API: these classes may change at any time, and no
 * other module may use them.
 */
package io.agentkeel.security.internal;

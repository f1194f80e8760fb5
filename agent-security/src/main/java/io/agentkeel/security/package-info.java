/**
 * AgentKeel security: sanitisation and injection detection on untrusted text, PII and secret
 * filtering of everything that leaves, rate limits, a tamper-evident audit log, grants and
 * credentials per environment. {@link io.agentkeel.security.SecurityExtension} wires it all from
 * configuration.
 */
package io.agentkeel.security;

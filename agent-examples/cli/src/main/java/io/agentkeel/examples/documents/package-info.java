/**
 * The document-review example: expense claims checked by a read-only tool, ordered by an intake
 * scorer before the agent sees them, and routed by confidence so that borderline claims go to a
 * person.
 */
package io.agentkeel.examples.documents;

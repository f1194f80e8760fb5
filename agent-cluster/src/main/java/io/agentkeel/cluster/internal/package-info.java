/** Internals of the distributed intake; not an API. */
package io.agentkeel.cluster.internal;

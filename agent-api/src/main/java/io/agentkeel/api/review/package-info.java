/**
 * Human review: the requests an agent puts before a person, the person's decisions, and the queue
 * that holds the requests between the two.
 */
package io.agentkeel.api.review;

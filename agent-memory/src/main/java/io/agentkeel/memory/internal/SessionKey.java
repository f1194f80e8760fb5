package io.agentkeel.memory.internal;

import io.agentkeel.api.memory.MemoryOwner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A session's key: its owner and its id, so one owner's session id never reaches another's turns.
 *
 * @param owner whose session
 * @param sessionId the session
 */
public record SessionKey(MemoryOwner owner, String sessionId) {

  /**
   * Validates the key.
   *
   * @throws IllegalArgumentException if the session id is blank
   */
  public SessionKey {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(sessionId, "sessionId");
    if (sessionId.isBlank()) {
      throw new IllegalArgumentException("a session id must not be blank");
    }
  }

  /**
   * A string naming an owner unambiguously, with each part escaped so that no separator can be
   * forged by a tenant or principal id.
   *
   * @param owner the owner
   * @return {@code tenant:principal}, each part URL-encoded
   */
  public static String ownerKey(MemoryOwner owner) {
    return escape(owner.tenant()) + ":" + escape(owner.principal());
  }

  /**
   * Escapes one part of a key.
   *
   * @param part the part
   * @return the part, URL-encoded (so it holds no {@code :})
   */
  public static String escape(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }
}

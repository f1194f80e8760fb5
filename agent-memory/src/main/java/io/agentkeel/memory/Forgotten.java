package io.agentkeel.memory;

/**
 * What {@link MemoryTiers#forget} removed for one owner, tier by tier.
 *
 * @param sessions sessions removed from the session tier
 * @param workingValues values removed from the working tier
 * @param memories memories removed from the long-term tier
 * @param reviewRequests waiting review requests removed from the review queue
 */
public record Forgotten(int sessions, int workingValues, int memories, int reviewRequests) {

  /**
   * Everything removed.
   *
   * @return the sum over the tiers
   */
  public int total() {
    return sessions + workingValues + memories + reviewRequests;
  }
}

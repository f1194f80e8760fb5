package io.agentkeel.api.memory;

import io.agentkeel.api.Principal;
import java.util.Objects;

/**
 * Whose memory something is: a principal within a tenant. Reads and retrieval never cross owners.
 *
 * @param tenant the tenant id
 * @param principal the principal id
 */
public record MemoryOwner(String tenant, String principal) {

  /**
   * Validates the owner.
   *
   * @throws IllegalArgumentException if a part is blank
   */
  public MemoryOwner {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(principal, "principal");
    if (tenant.isBlank() || principal.isBlank()) {
      throw new IllegalArgumentException("a memory owner needs a non-blank tenant and principal");
    }
  }

  /**
   * The owner a principal's memories belong to.
   *
   * @param principal the principal
   * @return its owner
   */
  public static MemoryOwner of(Principal principal) {
    return new MemoryOwner(principal.tenant(), principal.id());
  }
}

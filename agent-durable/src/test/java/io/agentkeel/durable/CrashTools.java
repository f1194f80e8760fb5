package io.agentkeel.durable;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolContext;
import java.util.function.BooleanSupplier;

/**
 * The tools of a crash test, one set per simulated process: each counts its effects in the {@link
 * World}, and does nothing once its process is dead (a killed process changes nothing).
 */
public final class CrashTools {

  /**
   * What a call is about.
   *
   * @param ref the call's unique reference
   */
  public record Ref(String ref) {}

  private final World world;
  private final BooleanSupplier alive;

  CrashTools(World world, BooleanSupplier alive) {
    this.world = world;
    this.alive = alive;
  }

  private void requireAlive() {
    if (!alive.getAsBoolean()) {
      throw new IllegalStateException("simulated crash: this process is dead");
    }
  }

  /**
   * Reads.
   *
   * @param ref the reference
   * @return a value
   */
  @AgentTool(
      name = "look_up",
      description = "Looks a record up.",
      whenToUse = "always",
      sideEffect = SideEffect.READ_ONLY)
  public String lookUp(Ref ref) {
    requireAlive();
    world.invoked(ref.ref());
    return "value of " + ref.ref();
  }

  /**
   * Pays, without an idempotency key.
   *
   * @param ref the reference
   * @return a receipt
   */
  @AgentTool(
      name = "pay",
      description = "Pays.",
      whenToUse = "always",
      scopes = "pay:write",
      sideEffect = SideEffect.WRITE)
  public String pay(Ref ref) {
    requireAlive();
    world.invoked(ref.ref());
    world.took(ref.ref());
    return "paid " + ref.ref();
  }

  /**
   * Charges, passing the idempotency key on: the system takes one charge per key.
   *
   * @param ref the reference
   * @param context the call
   * @return a receipt
   */
  @AgentTool(
      name = "charge",
      description = "Charges with an idempotency key.",
      whenToUse = "always",
      scopes = "pay:write",
      sideEffect = SideEffect.WRITE,
      usesIdempotencyKey = true)
  public String charge(Ref ref, ToolContext context) {
    requireAlive();
    world.invoked(ref.ref());
    if (world.keys.add(context.idempotencyKey())) {
      world.took(ref.ref());
    }
    return "charged " + ref.ref();
  }

  /**
   * Erases: destructive, so a person confirms it first.
   *
   * @param ref the reference
   * @return a confirmation
   */
  @AgentTool(
      name = "erase",
      description = "Erases a record.",
      whenToUse = "always",
      scopes = "data:erase",
      sideEffect = SideEffect.DESTRUCTIVE)
  public String erase(Ref ref) {
    requireAlive();
    world.invoked(ref.ref());
    world.took(ref.ref());
    return "erased " + ref.ref();
  }
}

package io.agentkeel.tools.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a public method as a tool. The method takes a record whose components are the tool's
 * arguments, optionally followed by a {@link ToolContext} (which task, on whose behalf, by when),
 * and returns the result that is shown to the model (any value that serialises to JSON, or a {@code
 * String}; its properties are written in snake_case and its enum values in lower case, like the
 * arguments). It may throw {@link ToolException}.
 *
 * <p>Turn an object with annotated methods into tools with {@link AnnotatedTools#of(Object...)}.
 *
 * <pre>{@code
 * @AgentTool(
 *     name = "search_customer_orders",
 *     description = "Lists a customer's orders, newest first.",
 *     whenToUse = "When the customer asks about an order but gives no order number.",
 *     scopes = "orders:read",
 *     sideEffect = SideEffect.READ_ONLY,
 *     maxResults = 50)
 * public OrderPage search(SearchOrders request) throws ToolException { ... }
 *
 * @AgentTool(
 *     name = "assign_ticket",
 *     description = "Assigns a help-desk ticket to an agent.",
 *     whenToUse = "When the customer's ticket needs an owner.",
 *     scopes = "tickets:write",
 *     sideEffect = SideEffect.WRITE)
 * public Ticket assign(AssignTicket request, ToolContext context) {
 *   return desk.assign(request.ticketId(), request.assignee(), context.principalId());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AgentTool {

  /**
   * The tool's unique name in snake_case, such as {@code search_customer_orders}: a verb and the
   * thing it acts on.
   *
   * @return the tool name
   */
  String name();

  /**
   * What the tool does, in a sentence or two.
   *
   * @return the description shown to the model
   */
  String description();

  /**
   * When the agent should pick this tool rather than another: the situation, not the mechanics.
   *
   * @return the when-to-use text shown to the model
   */
  String whenToUse();

  /**
   * Permission scopes a principal must hold for the tool to be offered or run, such as {@code
   * orders:read}. Empty means the tool needs no grant.
   *
   * @return the required scopes
   */
  String[] scopes() default {};

  /**
   * What the tool does to the world. There is no default: every tool author decides.
   *
   * @return the side-effect level
   */
  SideEffect sideEffect();

  /**
   * The most items a list result holds; {@code 0} when the result is not a list.
   *
   * @return the result limit
   */
  int maxResults() default 0;

  /**
   * Whether the method passes {@link ToolContext#idempotencyKey()} on to the system it changes; see
   * {@link ToolDescriptor#usesIdempotencyKey()}.
   *
   * @return whether the tool uses the idempotency key
   */
  boolean usesIdempotencyKey() default false;
}

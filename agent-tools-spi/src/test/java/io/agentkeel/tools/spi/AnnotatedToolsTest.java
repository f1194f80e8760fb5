package io.agentkeel.tools.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotatedToolsTest {

  static final ToolContext CONTEXT = new ToolContext("task-1", "support-bot", Instant.EPOCH);

  record OrderId(String id) {}

  record CustomerQuery(String customerId, int limit) {}

  static final class OrderTools {
    @AgentTool(
        name = "search_orders",
        description = "Lists a customer's orders, newest first.",
        whenToUse = "When the customer asks about an order but gives no order number.",
        scopes = {"orders:read", "customers:read", "orders:read"},
        sideEffect = SideEffect.READ_ONLY,
        maxResults = 50)
    public List<String> search(CustomerQuery query) {
      return List.of(query.customerId() + "/" + query.limit());
    }

    @AgentTool(
        name = "cancel_order",
        description = "Cancels an order that has not shipped.",
        whenToUse = "When the customer asks to cancel an order.",
        scopes = "orders:write",
        sideEffect = SideEffect.DESTRUCTIVE)
    public String cancel(OrderId order) throws ToolException {
      return "cancelled " + order.id();
    }

    public String notATool(OrderId order) {
      return order.id();
    }
  }

  static final class AuditTools {
    @AgentTool(
        name = "append_note",
        description = "Adds a note to an order.",
        whenToUse = "When the customer adds information.",
        sideEffect = SideEffect.WRITE)
    public String note(OrderId order) {
      return "noted";
    }
  }

  /** Throws whatever the test puts in {@link #next}. */
  static final class ThrowingTools {
    Throwable next;

    @AgentTool(
        name = "flaky_lookup",
        description = "Looks an order up.",
        whenToUse = "Always.",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup(OrderId order) throws ToolException {
      ThrowingTools.<RuntimeException>sneakyThrow(next);
      return "unreachable";
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
      throw (T) t;
    }
  }

  static final class NoTools {
    public String lookup(OrderId order) {
      return order.id();
    }
  }

  static final class PrivateToolOnly {
    @AgentTool(
        name = "hidden",
        description = "Hidden.",
        whenToUse = "",
        sideEffect = SideEffect.WRITE)
    private String hidden(OrderId order) {
      return order.id();
    }
  }

  static final class StaticTool {
    @AgentTool(
        name = "lookup",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.READ_ONLY)
    public static String lookup(OrderId order) {
      return order.id();
    }
  }

  static final class TwoParameters {
    @AgentTool(
        name = "lookup",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup(OrderId order, OrderId other) {
      return order.id() + other.id();
    }
  }

  /** Records who assigned what: the context reaches an annotated method. */
  static final class AssigningTools {
    @AgentTool(
        name = "assign_ticket",
        description = "Assigns a ticket.",
        whenToUse = "When a ticket needs an owner.",
        sideEffect = SideEffect.WRITE)
    public String assign(OrderId ticket, ToolContext context) {
      return ticket.id() + " assigned by " + context.principalId() + " in " + context.taskId();
    }
  }

  static final class ContextFirst {
    @AgentTool(
        name = "lookup",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup(ToolContext context, OrderId order) {
      return order.id();
    }
  }

  static final class NoParameter {
    @AgentTool(
        name = "lookup",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup() {
      return "";
    }
  }

  static final class NonRecordParameter {
    @AgentTool(
        name = "lookup",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup(String orderId) {
      return orderId;
    }
  }

  static final class VoidTool {
    @AgentTool(
        name = "lookup",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.WRITE)
    public void lookup(OrderId order) {}
  }

  static final class CheckedExceptionTool {
    @AgentTool(
        name = "lookup",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup(OrderId order) throws IOException {
      return order.id();
    }
  }

  static final class BroadExceptionTool {
    @AgentTool(
        name = "lookup",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup(OrderId order) throws ToolException, Exception {
      return order.id();
    }
  }

  static final class NoSuchOrder extends ToolException {
    NoSuchOrder() {
      super("no such order", null, false, null);
    }
  }

  static final class AllowedExceptionsTool {
    @AgentTool(
        name = "lookup",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup(OrderId order) throws NoSuchOrder, IllegalStateException, AssertionError {
      return order.id();
    }
  }

  static final class BadName {
    @AgentTool(
        name = "Lookup-Order",
        description = "Looks up.",
        whenToUse = "",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup(OrderId order) {
      return order.id();
    }
  }

  @SuppressWarnings("unchecked")
  static Tool<Record, Object> raw(Tool<?, ?> tool) {
    return (Tool<Record, Object>) tool;
  }

  static String where(Class<?> type) {
    return "@AgentTool method " + type.getName() + ".lookup";
  }

  @Test
  void makesOneToolPerAnnotatedMethodOrderedByName() {
    List<Tool<?, ?>> tools = AnnotatedTools.of(new OrderTools());

    assertThat(tools)
        .extracting(tool -> tool.descriptor().name())
        .containsExactly("cancel_order", "search_orders");
  }

  @Test
  void ordersToolsByNameAcrossAllTargets() {
    List<Tool<?, ?>> tools = AnnotatedTools.of(new OrderTools(), new AuditTools());

    assertThat(tools)
        .extracting(tool -> tool.descriptor().name())
        .containsExactly("append_note", "cancel_order", "search_orders");
    assertThatThrownBy(() -> tools.remove(0)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void descriptorComesFromTheAnnotationAndTheMethodSignature() {
    ToolDescriptor search = AnnotatedTools.of(new OrderTools()).get(1).descriptor();

    assertThat(search.name()).isEqualTo("search_orders");
    assertThat(search.description()).isEqualTo("Lists a customer's orders, newest first.");
    assertThat(search.whenToUse())
        .isEqualTo("When the customer asks about an order but gives no order number.");
    assertThat(search.scopes()).containsExactly("customers:read", "orders:read");
    assertThat(search.sideEffect()).isEqualTo(SideEffect.READ_ONLY);
    assertThat(search.parameterType()).isEqualTo(CustomerQuery.class);
    assertThat(search.resultType()).isEqualTo(List.class);
    assertThat(search.maxResults()).isEqualTo(50);
  }

  @Test
  void invokingTheToolCallsTheMethodOnItsTarget() throws ToolException {
    List<Tool<?, ?>> tools = AnnotatedTools.of(new OrderTools());

    assertThat(raw(tools.get(0)).invoke(new OrderId("A-17"), CONTEXT)).isEqualTo("cancelled A-17");
    assertThat(raw(tools.get(1)).invoke(new CustomerQuery("C-1", 5), CONTEXT))
        .isEqualTo(List.of("C-1/5"));
  }

  @Test
  void rejectsANullTarget() {
    assertThatNullPointerException()
        .isThrownBy(() -> AnnotatedTools.of(new OrderTools(), null))
        .withMessage("target");
  }

  @Test
  void rejectsAnObjectWithoutAnnotatedMethods() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new OrderTools(), new NoTools()))
        .withMessage(
            NoTools.class.getName()
                + " has no public method annotated @AgentTool; annotate its tool methods or"
                + " implement Tool");
  }

  @Test
  void rejectsAnAnnotatedMethodThatIsNotPublic() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new PrivateToolOnly()))
        .withMessage(
            "@AgentTool method "
                + PrivateToolOnly.class.getName()
                + ".hidden is not public, so it cannot be a tool; make it public");
  }

  /** One public tool and one that is not: the second was left out without a word. */
  static final class PublicAndPackagePrivate {
    @AgentTool(
        name = "find_order",
        description = "Finds an order.",
        whenToUse = "When the customer names an order.",
        sideEffect = SideEffect.READ_ONLY)
    public String find(OrderId order) {
      return order.id();
    }

    @AgentTool(
        name = "refund_order",
        description = "Refunds an order.",
        whenToUse = "When the customer asks for a refund.",
        sideEffect = SideEffect.WRITE)
    String refund(OrderId order) {
      return order.id();
    }
  }

  @Test
  void aToolMethodThatIsNotPublicIsNotDroppedSilentlyBesideAPublicOne() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new PublicAndPackagePrivate()))
        .withMessageContaining(PublicAndPackagePrivate.class.getName() + ".refund is not public");
  }

  /** What a plugin might share between its tools. */
  public interface Handler<P extends Record> {
    /**
     * Handles a call.
     *
     * @param parameters the arguments
     * @return the result
     */
    Object handle(P parameters);
  }

  /**
   * Implements a generic method: javac adds a bridge {@code handle(Record)} that has the same
   * annotation.
   */
  public static final class GenericOverride implements Handler<OrderId> {
    @AgentTool(
        name = "find_order",
        description = "Finds an order.",
        whenToUse = "When the customer names an order.",
        sideEffect = SideEffect.READ_ONLY)
    @Override
    public String handle(OrderId order) {
      return "found " + order.id();
    }
  }

  /** A base class's method. */
  public static class PlainLookup {
    /**
     * Looks up.
     *
     * @param order the order
     * @return the result
     */
    public Object lookup(OrderId order) {
      return order;
    }
  }

  /** Overrides with a narrower return type: javac adds a bridge {@code Object lookup(OrderId)}. */
  public static final class CovariantOverride extends PlainLookup {
    @AgentTool(
        name = "find_order",
        description = "Finds an order.",
        whenToUse = "When the customer names an order.",
        sideEffect = SideEffect.READ_ONLY)
    @Override
    public String lookup(OrderId order) {
      return "found " + order.id();
    }
  }

  @Test
  void aMethodOverridingAGenericOneIsOneTool() throws ToolException {
    List<Tool<?, ?>> tools = AnnotatedTools.of(new GenericOverride());
    assertThat(tools).hasSize(1);
    assertThat(tools.get(0).descriptor().parameterType()).isEqualTo(OrderId.class);
    assertThat(raw(tools.get(0)).invoke(new OrderId("42"), CONTEXT)).isEqualTo("found 42");
  }

  @Test
  void aCovariantOverrideIsOneTool() throws ToolException {
    List<Tool<?, ?>> tools = AnnotatedTools.of(new CovariantOverride());
    assertThat(tools).hasSize(1);
    assertThat(tools.get(0).descriptor().resultType()).isEqualTo(String.class);
    assertThat(raw(tools.get(0)).invoke(new OrderId("42"), CONTEXT)).isEqualTo("found 42");
  }

  /** Two methods that declare one tool name. */
  static final class TwoOfOneName {
    @AgentTool(
        name = "find_order",
        description = "Finds an order.",
        whenToUse = "When the customer names an order.",
        sideEffect = SideEffect.READ_ONLY)
    public String byId(OrderId order) {
      return order.id();
    }

    @AgentTool(
        name = "find_order",
        description = "Finds an order by customer.",
        whenToUse = "When the customer gives no order.",
        sideEffect = SideEffect.READ_ONLY)
    public String byCustomer(CustomerQuery query) {
      return query.customerId();
    }
  }

  @Test
  void twoMethodsOfOneToolNameFailNamingBoth() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new TwoOfOneName()))
        .withMessageContaining(TwoOfOneName.class.getName() + ".byId")
        .withMessageContaining(TwoOfOneName.class.getName() + ".byCustomer")
        .withMessageContaining("are both named 'find_order'");
  }

  @Test
  void rejectsAStaticMethod() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new StaticTool()))
        .withMessage(where(StaticTool.class) + " must not be static");
  }

  @Test
  void rejectsAMethodWithTwoParameters() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new TwoParameters()))
        .withMessage(
            where(TwoParameters.class)
                + " must take a record whose components are the tool's arguments, optionally"
                + " followed by a ToolContext");
  }

  @Test
  void aMethodMayTakeTheToolContextAfterItsRecord() throws ToolException {
    Tool<?, ?> tool = AnnotatedTools.of(new AssigningTools()).get(0);

    assertThat(tool.descriptor().parameterType()).isEqualTo(OrderId.class);
    assertThat(raw(tool).invoke(new OrderId("T-9"), CONTEXT))
        .isEqualTo("T-9 assigned by support-bot in task-1");
  }

  @Test
  void rejectsTheToolContextBeforeTheRecord() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new ContextFirst()))
        .withMessageStartingWith(where(ContextFirst.class) + " must take a record");
  }

  @Test
  void rejectsAMethodWithoutParameters() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new NoParameter()))
        .withMessageStartingWith(where(NoParameter.class) + " must take a record");
  }

  @Test
  void rejectsAParameterThatIsNotARecord() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new NonRecordParameter()))
        .withMessageStartingWith(where(NonRecordParameter.class) + " must take a record");
  }

  @Test
  void rejectsAVoidMethod() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new VoidTool()))
        .withMessage(
            where(VoidTool.class)
                + " returns nothing; return what the model should see (at least a confirmation)");
  }

  @Test
  void rejectsACheckedExceptionOtherThanToolException() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new CheckedExceptionTool()))
        .withMessage(
            where(CheckedExceptionTool.class)
                + " throws java.io.IOException; catch it and throw a ToolException that tells the"
                + " model what failed");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new BroadExceptionTool()))
        .withMessage(
            where(BroadExceptionTool.class)
                + " throws java.lang.Exception; catch it and throw a ToolException that tells the"
                + " model what failed");
  }

  @Test
  void allowsToolExceptionSubclassesUncheckedExceptionsAndErrors() {
    assertThat(AnnotatedTools.of(new AllowedExceptionsTool()))
        .extracting(tool -> tool.descriptor().name())
        .containsExactly("lookup");
  }

  @Test
  void anInvalidAnnotationFailsWithTheDescriptorsMessage() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnnotatedTools.of(new BadName()))
        .withMessageStartingWith("tool name 'Lookup-Order' must be snake_case");
  }

  @Test
  void passesAToolExceptionThroughUnchanged() {
    ThrowingTools target = new ThrowingTools();
    ToolException thrown = ToolException.permanent("no order A-17 exists");
    target.next = thrown;
    Tool<Record, Object> tool = raw(AnnotatedTools.of(target).get(0));

    assertThat(catchThrowable(() -> tool.invoke(new OrderId("A-17"), CONTEXT))).isSameAs(thrown);
  }

  @Test
  void passesARuntimeExceptionThroughUnchanged() {
    ThrowingTools target = new ThrowingTools();
    IllegalStateException thrown = new IllegalStateException("defect in the tool");
    target.next = thrown;
    Tool<Record, Object> tool = raw(AnnotatedTools.of(target).get(0));

    assertThat(catchThrowable(() -> tool.invoke(new OrderId("A-17"), CONTEXT))).isSameAs(thrown);
  }

  @Test
  void passesAnErrorThroughUnchanged() {
    ThrowingTools target = new ThrowingTools();
    StackOverflowError thrown = new StackOverflowError("deep");
    target.next = thrown;
    Tool<Record, Object> tool = raw(AnnotatedTools.of(target).get(0));

    assertThat(catchThrowable(() -> tool.invoke(new OrderId("A-17"), CONTEXT))).isSameAs(thrown);
  }

  @Test
  void wrapsAnUndeclaredCheckedExceptionNamingTheTool() {
    ThrowingTools target = new ThrowingTools();
    IOException thrown = new IOException("disk full");
    target.next = thrown;
    Tool<Record, Object> tool = raw(AnnotatedTools.of(target).get(0));

    assertThatThrownBy(() -> tool.invoke(new OrderId("A-17"), CONTEXT))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("tool 'flaky_lookup' threw java.io.IOException: disk full")
        .hasCause(thrown);
  }
}

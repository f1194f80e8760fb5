package io.agentkeel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes {@link RegisteredTool#bind}: whatever text the model sends as arguments, binding returns a
 * record of the tool's parameter type or throws {@link ToolException}, its documented error, with a
 * message for the model. Nothing else escapes. A bound record also survives the round trip through
 * its canonical JSON unchanged, which repeated-call detection relies on.
 */
class ArgumentBindingFuzzTest {

  /** How a search runs. */
  public enum Mode {
    FAST,
    CAREFUL
  }

  /** Where an order is. */
  public record Place(
      @Param("the city") String city, @Param("postal code") Optional<Integer> zip) {}

  /** Arguments of every kind the binder supports. */
  public record Query(
      @Param("the order id") String orderId,
      @Param("how many results") @Default("3") int limit,
      @Param("how to search") Optional<Mode> mode,
      @Param("labels to match") List<String> tags,
      @Param("the amount") Optional<BigDecimal> amount,
      @Param("where it ships") Optional<Place> place,
      @Param("whether it is urgent") @Default("false") boolean urgent,
      @Param("the weight") Optional<Double> weight) {}

  /** The tool under test. */
  public static final class SearchTools {
    @AgentTool(
        name = "search_orders",
        description = "Searches orders.",
        whenToUse = "When the user asks for orders matching something.",
        scopes = "orders:read",
        sideEffect = SideEffect.READ_ONLY)
    public String search(Query query) {
      return query.toString();
    }
  }

  private static final RegisteredTool TOOL =
      ToolCatalog.of(AnnotatedTools.of(new SearchTools()).toArray(new Tool<?, ?>[0]))
          .find("search_orders")
          .orElseThrow();

  @FuzzTest(maxDuration = "10m")
  void bindRaisesOnlyToolException(byte[] input) throws ToolException {
    String arguments = new String(input, StandardCharsets.UTF_8);
    Record bound;
    try {
      bound = TOOL.bind(arguments);
    } catch (ToolException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(bound).isInstanceOf(Query.class);
    Query query = (Query) bound;
    assertThat(query.orderId()).isNotNull();
    assertThat(query.tags()).isNotNull();
    String canonical = TOOL.canonicalArguments(bound);
    // A ToolException here is a finding: canonical JSON of bound arguments must bind again.
    Record again = TOOL.bind(canonical);
    assertThat(TOOL.canonicalArguments(again)).isEqualTo(canonical);
  }
}

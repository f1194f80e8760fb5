package io.agentkeel.architecture;

import static io.agentkeel.architecture.Fixtures.assertSatisfiedBy;
import static io.agentkeel.architecture.Fixtures.assertViolatedBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import io.agentkeel.architecture.AgentKeelRules.ToolInvocationRules;
import io.agentkeel.architecture.fixtures.rule4.EchoTool;
import io.agentkeel.architecture.fixtures.rule4.FakeInvoker;
import io.agentkeel.architecture.fixtures.rule4.FakePermissions;
import io.agentkeel.architecture.fixtures.rule4.FakePermit;
import io.agentkeel.architecture.fixtures.rule4.PermitForger;
import io.agentkeel.architecture.fixtures.rule4.PermitReferenceForger;
import io.agentkeel.architecture.fixtures.rule4.PermitlessInvoker;
import io.agentkeel.architecture.fixtures.rule4.RogueCaller;
import io.agentkeel.architecture.fixtures.rule4.RogueConcreteCaller;
import io.agentkeel.architecture.fixtures.rule4.RogueMethodReference;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/architecture.md rule 4: only core invokes a tool, and only with a permit that the permission
 * check issued. The production rules hold vacuously until core's invoker exists; the fixture rules
 * are made by the same factory with fixture class names.
 */
class ToolInvocationRulesTest {

  private static final ToolInvocationRules FIXTURE_RULES =
      AgentKeelRules.toolInvocation(
          FakeInvoker.class.getName(), FakePermit.class.getName(), FakePermissions.class.getName());

  @Test
  void holdForTheProductionClasses() {
    for (ArchRule rule : AgentKeelRules.TOOL_INVOCATION.all()) {
      rule.check(ProductionClasses.get());
    }
  }

  @Test
  void coreHasAllOfTheInvocationPathOrNoneOfIt() {
    JavaClasses production = ProductionClasses.get();
    List<Boolean> present =
        Stream.of("ToolInvoker", "ToolCallPermit", "ToolPermissions")
            .map(name -> production.contain(AgentKeelRules.CORE + ".internal." + name))
            .toList();
    assertThat(present)
        .as(
            "ToolInvoker, ToolCallPermit and ToolPermissions in io.agentkeel.core.internal: the"
                + " rules of the tool-invocation path name all three, so a rename of one of them"
                + " must be made in AgentKeelRules.TOOL_INVOCATION too")
        .containsOnly(present.get(0));
  }

  @Test
  void acceptTheInvokerCallingToolsWithAPermitDirectlyInALambdaAndByReference() {
    for (ArchRule rule : FIXTURE_RULES.all()) {
      assertSatisfiedBy(
          rule, FakeInvoker.class, FakePermit.class, FakePermissions.class, EchoTool.class);
    }
  }

  @ParameterizedTest
  @ValueSource(classes = {RogueCaller.class, RogueConcreteCaller.class, RogueMethodReference.class})
  void rejectAClassOtherThanTheInvokerCallingATool(Class<?> fixture) {
    assertViolatedBy(FIXTURE_RULES.onlyInvokerCallsTools(), fixture);
  }

  @Test
  void rejectAnInvokerMethodCallingAToolWithoutAPermit() {
    ToolInvocationRules rules =
        AgentKeelRules.toolInvocation(
            PermitlessInvoker.class.getName(),
            FakePermit.class.getName(),
            FakePermissions.class.getName());
    assertViolatedBy(rules.invokerCallsToolsOnlyWithPermit(), PermitlessInvoker.class);
    assertThat(
            rules
                .invokerCallsToolsOnlyWithPermit()
                .evaluate(Fixtures.importClasses(PermitlessInvoker.class))
                .getFailureReport()
                .getDetails())
        .as("both permitless methods, the direct call and the lambda, and not the checked one")
        .hasSize(2)
        .allSatisfy(detail -> assertThat(detail).contains("Unchecked"));
  }

  @ParameterizedTest
  @ValueSource(classes = {PermitForger.class, PermitReferenceForger.class})
  void rejectAPermitMadeOutsideThePermissionCheck(Class<?> fixture) {
    assertViolatedBy(FIXTURE_RULES.onlyIssuerCreatesPermits(), fixture);
  }
}

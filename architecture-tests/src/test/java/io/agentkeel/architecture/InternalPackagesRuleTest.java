package io.agentkeel.architecture;

import static io.agentkeel.architecture.Fixtures.assertSatisfiedBy;
import static io.agentkeel.architecture.Fixtures.assertViolatedBy;

import io.agentkeel.architecture.fixtures.rule5.UsesSpiInternals;
import io.agentkeel.core.archfixture.CoreUsingItsInternals;
import io.agentkeel.memory.archfixture.MemoryUsingCoreInternals;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md rule 5: a module's {@code ..internal..} packages are used by that module
 * alone.
 */
class InternalPackagesRuleTest {

  @Test
  void holdsForTheProductionClasses() {
    AgentKeelRules.INTERNALS_STAY_IN_THEIR_MODULE.check(ProductionClasses.get());
  }

  @Test
  void rejectsAClassThatUsesTheSpisInternalAdapter() {
    assertViolatedBy(AgentKeelRules.INTERNALS_STAY_IN_THEIR_MODULE, UsesSpiInternals.class);
  }

  @Test
  void rejectsAModuleThatUsesCoresInternals() {
    assertViolatedBy(AgentKeelRules.INTERNALS_STAY_IN_THEIR_MODULE, MemoryUsingCoreInternals.class);
  }

  @Test
  void acceptsAModuleThatUsesItsOwnInternals() {
    assertSatisfiedBy(AgentKeelRules.INTERNALS_STAY_IN_THEIR_MODULE, CoreUsingItsInternals.class);
  }
}

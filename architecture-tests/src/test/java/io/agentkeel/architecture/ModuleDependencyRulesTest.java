package io.agentkeel.architecture;

import static io.agentkeel.architecture.Fixtures.assertSatisfiedBy;
import static io.agentkeel.architecture.Fixtures.assertViolatedBy;

import io.agentkeel.api.archfixture.ApiTypeMentioningLangChain4j;
import io.agentkeel.api.archfixture.ApiTypeUsingCore;
import io.agentkeel.api.archfixture.ApiTypeUsingSpi;
import io.agentkeel.core.archfixture.CoreUsingArchitectureTests;
import io.agentkeel.core.archfixture.CoreUsingBenchmarks;
import io.agentkeel.core.archfixture.CoreUsingExamples;
import io.agentkeel.core.archfixture.CoreUsingTestkit;
import io.agentkeel.memory.archfixture.MemoryUsingCore;
import io.agentkeel.memory.archfixture.MemoryUsingJakartaInject;
import io.agentkeel.observability.archfixture.ObservabilityUsingGuice;
import io.agentkeel.security.archfixture.SecurityUsingObservability;
import io.agentkeel.testkit.archfixture.TestkitUsingItself;
import io.agentkeel.tools.spi.archfixture.SpiTypeMentioningGuice;
import io.agentkeel.tools.spi.archfixture.SpiTypeUsingApi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/architecture.md rules 1 to 3: which module may depend on which. */
class ModuleDependencyRulesTest {

  @Nested
  class SpiAndApiDependOnTheJdkOnly {

    @Test
    void holdForTheProductionClasses() {
      AgentKeelRules.SPI_DEPENDS_ON_JDK_ONLY.check(ProductionClasses.get());
      AgentKeelRules.API_DEPENDS_ON_JDK_AND_SPI_ONLY.check(ProductionClasses.get());
    }

    @Test
    void rejectAnSpiTypeThatMentionsGuice() {
      assertViolatedBy(AgentKeelRules.SPI_DEPENDS_ON_JDK_ONLY, SpiTypeMentioningGuice.class);
    }

    @Test
    void rejectAnSpiTypeThatUsesTheApi() {
      assertViolatedBy(AgentKeelRules.SPI_DEPENDS_ON_JDK_ONLY, SpiTypeUsingApi.class);
    }

    @Test
    void rejectAnApiTypeThatMentionsLangChain4j() {
      assertViolatedBy(
          AgentKeelRules.API_DEPENDS_ON_JDK_AND_SPI_ONLY, ApiTypeMentioningLangChain4j.class);
    }

    @Test
    void rejectAnApiTypeThatUsesCore() {
      assertViolatedBy(AgentKeelRules.API_DEPENDS_ON_JDK_AND_SPI_ONLY, ApiTypeUsingCore.class);
    }

    @Test
    void acceptAnApiTypeThatUsesTheJdkAndTheSpi() {
      assertSatisfiedBy(AgentKeelRules.API_DEPENDS_ON_JDK_AND_SPI_ONLY, ApiTypeUsingSpi.class);
    }
  }

  @Nested
  class ExtensionModulesAreIndependent {

    @Test
    void holdsForTheProductionClasses() {
      AgentKeelRules.EXTENSION_MODULES_ARE_INDEPENDENT.check(ProductionClasses.get());
    }

    @ParameterizedTest
    @ValueSource(
        classes = {
          MemoryUsingCore.class,
          SecurityUsingObservability.class,
          ObservabilityUsingGuice.class
        })
    void rejectsAnExtensionModuleThatUsesCoreASiblingOrGuice(Class<?> fixture) {
      assertViolatedBy(AgentKeelRules.EXTENSION_MODULES_ARE_INDEPENDENT, fixture);
    }

    @Test
    void acceptsAnExtensionModuleThatUsesTheApiAndJakartaInject() {
      assertSatisfiedBy(
          AgentKeelRules.EXTENSION_MODULES_ARE_INDEPENDENT, MemoryUsingJakartaInject.class);
    }
  }

  @Nested
  class NothingDependsOnLeafModules {

    @Test
    void holdsForTheProductionClasses() {
      AgentKeelRules.NOTHING_DEPENDS_ON_LEAF_MODULES.check(ProductionClasses.get());
    }

    @ParameterizedTest
    @ValueSource(
        classes = {
          CoreUsingExamples.class,
          CoreUsingArchitectureTests.class,
          CoreUsingBenchmarks.class,
          CoreUsingTestkit.class
        })
    void rejectsProductionCodeThatUsesALeafModuleOrTheTestkit(Class<?> fixture) {
      assertViolatedBy(AgentKeelRules.NOTHING_DEPENDS_ON_LEAF_MODULES, fixture);
    }

    @Test
    void acceptsTheTestkitUsingItself() {
      assertSatisfiedBy(AgentKeelRules.NOTHING_DEPENDS_ON_LEAF_MODULES, TestkitUsingItself.class);
    }
  }
}

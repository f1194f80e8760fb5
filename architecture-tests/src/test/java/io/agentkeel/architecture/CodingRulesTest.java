package io.agentkeel.architecture;

import static io.agentkeel.architecture.Fixtures.assertSatisfiedBy;
import static io.agentkeel.architecture.Fixtures.assertViolatedBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.architecture.fixtures.cycle.a.A;
import io.agentkeel.architecture.fixtures.cycle.b.B;
import io.agentkeel.architecture.fixtures.fold.Api;
import io.agentkeel.architecture.fixtures.fold.internal.Impl;
import io.agentkeel.architecture.fixtures.hidden.p.internal.PImpl;
import io.agentkeel.architecture.fixtures.hidden.q.Q;
import io.agentkeel.architecture.fixtures.streams.KeepsErrInField;
import io.agentkeel.architecture.fixtures.streams.NonStaticMain;
import io.agentkeel.architecture.fixtures.streams.PrintsStackTrace;
import io.agentkeel.architecture.fixtures.streams.PrintsToOut;
import io.agentkeel.architecture.fixtures.streams.Program;
import io.agentkeel.architecture.fixtures.throwable.CatchesThrowable;
import io.agentkeel.architecture.fixtures.throwable.CatchesThrowableInLambda;
import io.agentkeel.architecture.fixtures.throwable.CatchesThrowableInMultiCatch;
import io.agentkeel.architecture.fixtures.throwable.CatchesThrowableInStaticInitializer;
import io.agentkeel.architecture.fixtures.throwable.UsesTryWithResources;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules over all main code: no package cycles, no console output, no catching Throwable. */
class CodingRulesTest {

  @Nested
  class NoPackageCycles {

    @Test
    void holdsForTheProductionClasses() {
      AgentKeelRules.NO_PACKAGE_CYCLES.check(ProductionClasses.get());
    }

    @Test
    void rejectsTwoPackagesThatUseEachOther() {
      var result =
          AgentKeelRules.NO_PACKAGE_CYCLES.evaluate(Fixtures.importClasses(A.class, B.class));
      assertThat(result.hasViolation()).isTrue();
      assertThat(result.getFailureReport().getDetails())
          .anySatisfy(detail -> assertThat(detail).contains(A.class.getName(), B.class.getName()));
    }

    @Test
    void rejectsACycleThroughAnInternalPackage() {
      var result =
          AgentKeelRules.NO_PACKAGE_CYCLES.evaluate(Fixtures.importClasses(PImpl.class, Q.class));
      assertThat(result.hasViolation()).isTrue();
      assertThat(result.getFailureReport().getDetails())
          .anySatisfy(
              detail -> assertThat(detail).contains(PImpl.class.getName(), Q.class.getName()));
    }

    @Test
    void acceptsAnInterfaceWhoseFactoryReturnsItsInternalImplementation() {
      assertSatisfiedBy(AgentKeelRules.NO_PACKAGE_CYCLES, Api.class, Impl.class);
    }

    @ParameterizedTest
    @CsvSource({
      "io.agentkeel.tools.spi, io.agentkeel.tools.spi",
      "io.agentkeel.tools.spi.internal, io.agentkeel.tools.spi",
      "io.agentkeel.core.internal.loop, io.agentkeel.core",
      "io.agentkeel.core.internalish, io.agentkeel.core.internalish",
      "io.agentkeel.core.tool.internal, io.agentkeel.core.tool"
    })
    void countsAnInternalPackageAsItsOwners(String pkg, String owner) {
      assertThat(AgentKeelRules.ownerOfInternals(pkg)).isEqualTo(owner);
    }
  }

  @Nested
  class NoStandardStreams {

    @Test
    void holdsForTheProductionClasses() {
      AgentKeelRules.NO_STANDARD_STREAMS.check(ProductionClasses.get());
    }

    @ParameterizedTest
    @ValueSource(
        classes = {
          PrintsToOut.class,
          KeepsErrInField.class,
          PrintsStackTrace.class,
          NonStaticMain.class
        })
    void rejectsCodeThatWritesToTheConsole(Class<?> fixture) {
      assertViolatedBy(AgentKeelRules.NO_STANDARD_STREAMS, fixture);
    }

    @Test
    void acceptsAProgramsMainHandingTheConsoleOn() {
      assertSatisfiedBy(AgentKeelRules.NO_STANDARD_STREAMS, Program.class);
    }
  }

  @Nested
  class NoCatchingThrowable {

    @Test
    void holdsForTheProductionClasses() {
      AgentKeelRules.NO_CATCHING_THROWABLE.check(ProductionClasses.get());
    }

    @ParameterizedTest
    @ValueSource(
        classes = {
          CatchesThrowable.class,
          CatchesThrowableInLambda.class,
          CatchesThrowableInStaticInitializer.class,
          CatchesThrowableInMultiCatch.class
        })
    void rejectsCodeThatCatchesThrowable(Class<?> fixture) {
      assertViolatedBy(AgentKeelRules.NO_CATCHING_THROWABLE, fixture);
    }

    @Test
    void acceptsTryWithResourcesAndNarrowerCatches() {
      assertSatisfiedBy(AgentKeelRules.NO_CATCHING_THROWABLE, UsesTryWithResources.class);
    }
  }

  @Nested
  class ExperimentalOnlyOnPublicApi {

    @Test
    void holdsForTheProductionClasses() {
      AgentKeelRules.EXPERIMENTAL_ONLY_ON_PUBLIC_API.check(ProductionClasses.get());
    }

    @Test
    void rejectsAnInternalTypeMarkedExperimental() {
      assertViolatedBy(
          AgentKeelRules.EXPERIMENTAL_ONLY_ON_PUBLIC_API,
          io.agentkeel.core.internal.archfixture.ExperimentalInternal.class);
    }

    @Test
    void rejectsAPrivateMemberMarkedExperimental() {
      assertViolatedBy(
          AgentKeelRules.EXPERIMENTAL_ONLY_ON_PUBLIC_API,
          io.agentkeel.api.archfixture.ExperimentalMembers.class);
    }

    @Test
    void acceptsPublicApiMarkedExperimental() {
      assertSatisfiedBy(
          AgentKeelRules.EXPERIMENTAL_ONLY_ON_PUBLIC_API,
          io.agentkeel.api.archfixture.ExperimentalApi.class);
    }
  }
}

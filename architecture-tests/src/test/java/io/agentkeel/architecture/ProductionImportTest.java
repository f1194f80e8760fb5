package io.agentkeel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** Guards the other tests against passing on an empty or polluted import. */
class ProductionImportTest {

  private final JavaClasses production = ProductionClasses.get();

  @Test
  void importsTheMainClassesOfTheModules() {
    assertThat(production.contain(AgentKeelRules.TOOL))
        .as("agent-tools-spi on the class path")
        .isTrue();
    assertThat(production.contain(AgentKeelRules.API + ".Agent"))
        .as("agent-api on the class path")
        .isTrue();
  }

  @Test
  void importsNoTestClassesAndNoFixtures() {
    assertThat(production.stream().map(JavaClass::getName))
        .noneMatch(name -> name.startsWith(AgentKeelRules.ARCHITECTURE + "."))
        .noneMatch(name -> name.contains(".archfixture."));
  }
}

package io.agentkeel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/** Checks a rule against fixture classes: the negative (and precision) half of each rule's test. */
final class Fixtures {

  static JavaClasses importClasses(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  /** Asserts that the rule rejects the fixture, and that the failure report names it. */
  static void assertViolatedBy(ArchRule rule, Class<?> fixture) {
    EvaluationResult result = rule.evaluate(importClasses(fixture));
    assertThat(result.hasViolation())
        .as("rule '%s' should reject %s", rule.getDescription(), fixture.getName())
        .isTrue();
    assertThat(result.getFailureReport().getDetails())
        .as("violations of '%s'", rule.getDescription())
        .anySatisfy(detail -> assertThat(detail).contains(fixture.getName()));
  }

  /** Asserts that the rule accepts the fixtures, so that it does not reject too much. */
  static void assertSatisfiedBy(ArchRule rule, Class<?>... fixtures) {
    EvaluationResult result = rule.evaluate(importClasses(fixtures));
    assertThat(result.getFailureReport().getDetails())
        .as("rule '%s' should accept the fixtures", rule.getDescription())
        .isEmpty();
  }

  private Fixtures() {}
}

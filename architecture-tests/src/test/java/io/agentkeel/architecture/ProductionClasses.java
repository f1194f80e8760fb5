package io.agentkeel.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The main classes of every module on the test class path, imported once for all tests. */
final class ProductionClasses {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(AgentKeelRules.BASE);

  static JavaClasses get() {
    return CLASSES;
  }

  private ProductionClasses() {}
}

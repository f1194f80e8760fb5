package io.agentkeel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.TryCatchBlock;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The architecture rules of docs/architecture.md, as ArchUnit rules over the whole tree.
 *
 * <p>Each rule is one object, checked by a positive test against the production classes and by a
 * negative test against fixture classes that break it, so no rule passes vacuously. Rules about
 * types named by string (the tool-invocation path of core) are made by a factory, so the negative
 * tests can pass fixture names and exercise the very same logic.
 */
final class AgentKeelRules {

  /** The root package of the whole tree. */
  static final String BASE = "io.agentkeel";

  static final String SPI = "io.agentkeel.tools.spi";
  static final String API = "io.agentkeel.api";
  static final String CORE = "io.agentkeel.core";
  static final String MEMORY = "io.agentkeel.memory";
  static final String SECURITY = "io.agentkeel.security";
  static final String OBSERVABILITY = "io.agentkeel.observability";
  static final String DURABLE = "io.agentkeel.durable";
  static final String CLUSTER = "io.agentkeel.cluster";
  static final String TESTKIT = "io.agentkeel.testkit";
  static final String EXAMPLES = "io.agentkeel.examples";
  static final String ARCHITECTURE = "io.agentkeel.architecture";
  static final String BENCHMARKS = "io.agentkeel.benchmarks";

  /**
   * The root package of every module whose classes are on this module's test class path, by
   * artifact id. A new module is added here deliberately: its internals are then protected (rule 5)
   * and its public packages pinned ({@link ExportedPackagesTest}).
   */
  static final Map<String, String> MODULE_ROOTS = moduleRoots();

  private static Map<String, String> moduleRoots() {
    Map<String, String> roots = new LinkedHashMap<>();
    roots.put("agent-tools-spi", SPI);
    roots.put("agent-api", API);
    roots.put("agent-core", CORE);
    roots.put("agent-memory", MEMORY);
    roots.put("agent-security", SECURITY);
    roots.put("agent-observability", OBSERVABILITY);
    roots.put("agent-durable", DURABLE);
    roots.put("agent-cluster", CLUSTER);
    roots.put("agent-testkit", TESTKIT);
    roots.put("agent-example-orders-plugin", EXAMPLES + ".orders");
    return Map.copyOf(roots);
  }

  private static final String GUICE = "com.google.inject..";

  // ---------------------------------------------------------------------------------------------
  // Rule 1: the SPI and the API depend on the JDK (and the API on the SPI) only.

  /** Rule 1, SPI half: a plugin author needs the JDK and this jar, nothing else. */
  static final ArchRule SPI_DEPENDS_ON_JDK_ONLY =
      classes()
          .that()
          .resideInAPackage(SPI + "..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", SPI + "..")
          .because(
              "agent-tools-spi is all a plugin author sees (docs/architecture.md rule 1): no Guice,"
                  + " LangChain4j, Caffeine, driver or any other third-party type");

  /** Rule 1, API half: the API sees the JDK and the SPI only. */
  static final ArchRule API_DEPENDS_ON_JDK_AND_SPI_ONLY =
      classes()
          .that()
          .resideInAPackage(API + "..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", API + "..", SPI + "..")
          .because(
              "agent-api compiles alone against the JDK and agent-tools-spi (docs/architecture.md rule 1): no"
                  + " Guice, LangChain4j, Caffeine, driver or any other third-party type");

  // ---------------------------------------------------------------------------------------------
  // Rule 2: memory, security and observability stand alone beside core.

  /**
   * Rule 2: memory, security, observability, the task journal (durable) and the distributed intake
   * (cluster) depend neither on core, nor on each other, nor on Guice (they use jakarta.inject).
   * Allowed to be empty: these modules may hold no class yet.
   */
  static final ArchRule EXTENSION_MODULES_ARE_INDEPENDENT =
      CompositeArchRule.of(
              extensionModuleIsolation(MEMORY, SECURITY, OBSERVABILITY, DURABLE, CLUSTER))
          .and(extensionModuleIsolation(SECURITY, MEMORY, OBSERVABILITY, DURABLE, CLUSTER))
          .and(extensionModuleIsolation(OBSERVABILITY, MEMORY, SECURITY, DURABLE, CLUSTER))
          .and(extensionModuleIsolation(DURABLE, MEMORY, SECURITY, OBSERVABILITY, CLUSTER))
          .and(extensionModuleIsolation(CLUSTER, MEMORY, SECURITY, OBSERVABILITY, DURABLE))
          .allowEmptyShould(true);

  private static ArchRule extensionModuleIsolation(String module, String... siblings) {
    List<String> forbidden = new ArrayList<>();
    forbidden.add(CORE + "..");
    for (String sibling : siblings) {
      forbidden.add(sibling + "..");
    }
    forbidden.add(GUICE);
    return noClasses()
        .that()
        .resideInAPackage(module + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden.toArray(String[]::new))
        .because(
            "core runs safely without "
                + module
                + ", and each extension module implements agent-api alone, wired through"
                + " jakarta.inject, never Guice (docs/architecture.md rule 2)")
        .allowEmptyShould(true);
  }

  // ---------------------------------------------------------------------------------------------
  // Rule 3: nothing depends on the leaves of the tree; only tests depend on the test kit.

  /**
   * Rule 3: no class outside examples, architecture-tests and benchmarks depends on them, and no
   * production class outside the test kit depends on the test kit. Checked against production
   * classes only: tests may use the test kit. Each part may find no class to check (a fixture
   * import); {@link ProductionImportTest} guards the production import against being empty.
   */
  static final ArchRule NOTHING_DEPENDS_ON_LEAF_MODULES =
      CompositeArchRule.of(nothingOutsideDependsOn(EXAMPLES, "agent-examples"))
          .and(nothingOutsideDependsOn(ARCHITECTURE, "architecture-tests"))
          .and(nothingOutsideDependsOn(BENCHMARKS, "benchmarks"))
          .and(nothingOutsideDependsOn(TESTKIT, "agent-testkit (only tests may)"));

  private static ArchRule nothingOutsideDependsOn(String root, String what) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + "..")
        .because("nothing depends on " + what + " (docs/architecture.md rule 3)")
        .allowEmptyShould(true);
  }

  // ---------------------------------------------------------------------------------------------
  // Rule 4: one path to a tool, through the permission check.

  /** The tool interface of the SPI, whose {@code invoke} only core's invoker may call. */
  static final String TOOL = SPI + ".Tool";

  private static final String TOOL_CONTEXT = SPI + ".ToolContext";

  /** Rule 4 for the production tree: core's invoker, permit and permission check. */
  static final ToolInvocationRules TOOL_INVOCATION =
      toolInvocation(
          CORE + ".internal.ToolInvoker",
          CORE + ".internal.ToolCallPermit",
          CORE + ".internal.ToolPermissions");

  /**
   * The three rules that keep a single, checked path to a tool.
   *
   * @param onlyInvokerCallsTools no class but the invoker calls (or takes a method reference to)
   *     {@code Tool.invoke} on any tool type
   * @param invokerCallsToolsOnlyWithPermit the invoker calls {@code Tool.invoke} only from methods
   *     that take a permit, so the call cannot happen without the check
   * @param onlyIssuerCreatesPermits no class but the permission check calls the permit's
   *     constructor
   */
  record ToolInvocationRules(
      ArchRule onlyInvokerCallsTools,
      ArchRule invokerCallsToolsOnlyWithPermit,
      ArchRule onlyIssuerCreatesPermits) {

    List<ArchRule> all() {
      return List.of(
          onlyInvokerCallsTools, invokerCallsToolsOnlyWithPermit, onlyIssuerCreatesPermits);
    }
  }

  /**
   * Makes the rules of the tool-invocation path for the given class names, which need not exist:
   * the rules then hold vacuously.
   *
   * @param invoker the only class allowed to call {@code Tool.invoke}
   * @param permit the proof that the permission check (and confirmation) passed
   * @param issuer the only class allowed to construct a permit
   * @return the three rules
   */
  static ToolInvocationRules toolInvocation(String invoker, String permit, String issuer) {
    String simpleInvoker = simpleName(invoker);
    ArchRule onlyInvoker =
        classes()
            .that()
            .doNotHaveFullyQualifiedName(invoker)
            .should(notInvokeTools())
            .because(
                "only core's "
                    + simpleInvoker
                    + " invokes a tool, after the permission check; there is no second path"
                    + " (docs/architecture.md rule 4)");
    ArchRule withPermit =
        classes()
            .that()
            .haveFullyQualifiedName(invoker)
            .should(invokeToolsOnlyFromMethodsTaking(permit))
            .because(
                "a tool call without a "
                    + simpleName(permit)
                    + " would skip the scope check and the confirmation of destructive tools"
                    + " (docs/architecture.md rule 4)")
            .allowEmptyShould(true);
    ArchRule onlyIssuer =
        classes()
            .that()
            .doNotHaveFullyQualifiedName(issuer)
            .should(notConstruct(permit))
            .because(
                "only "
                    + simpleName(issuer)
                    + " issues a "
                    + simpleName(permit)
                    + ", after it has checked scopes and confirmation (docs/architecture.md rule 4)");
    return new ToolInvocationRules(onlyInvoker, withPermit, onlyIssuer);
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /**
   * Calls and method references to {@code invoke(P, ToolContext)} of any {@code Tool} type. The
   * bridge method that javac writes into a tool with a concrete parameter record, which calls the
   * tool's own {@code invoke}, is not a call path and is left out.
   */
  private static boolean isToolInvoke(JavaCodeUnitAccess<?> access) {
    CodeUnitAccessTarget target = access.getTarget();
    List<JavaClass> parameters = target.getRawParameterTypes();
    return !access.getOrigin().getModifiers().contains(JavaModifier.BRIDGE)
        && target.getName().equals("invoke")
        && parameters.size() == 2
        && parameters.get(1).getName().equals(TOOL_CONTEXT)
        && target.getOwner().isAssignableTo(TOOL);
  }

  private static ArchCondition<JavaClass> notInvokeTools() {
    return new ArchCondition<>("not call or reference Tool.invoke(..)") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (JavaCodeUnitAccess<?> access : javaClass.getCodeUnitAccessesFromSelf()) {
          if (isToolInvoke(access)) {
            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> invokeToolsOnlyFromMethodsTaking(String permit) {
    return new ArchCondition<>(
        "call Tool.invoke(..) only from methods with a parameter of type %s", permit) {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (JavaCodeUnitAccess<?> access : javaClass.getCodeUnitAccessesFromSelf()) {
          if (isToolInvoke(access) && !takesParameter(access.getOrigin(), permit)) {
            events.add(
                SimpleConditionEvent.violated(
                    access,
                    access.getDescription()
                        + ", but "
                        + access.getOrigin().getFullName()
                        + " takes no "
                        + permit));
          }
        }
      }
    };
  }

  private static boolean takesParameter(JavaCodeUnit codeUnit, String type) {
    return codeUnit.getRawParameterTypes().stream().anyMatch(p -> p.getName().equals(type));
  }

  private static ArchCondition<JavaClass> notConstruct(String type) {
    return new ArchCondition<>("not call or reference a constructor of %s", type) {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (JavaCodeUnitAccess<?> access : javaClass.getCodeUnitAccessesFromSelf()) {
          CodeUnitAccessTarget target = access.getTarget();
          if (target.getName().equals(JavaConstructor.CONSTRUCTOR_NAME)
              && target.getOwner().getName().equals(type)) {
            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
          }
        }
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Rule 5: internals stay inside their module.

  /**
   * Rule 5: for every module root R, no class outside R.. depends on R..internal.. . A module may
   * use its own internals from any of its packages.
   */
  static final ArchRule INTERNALS_STAY_IN_THEIR_MODULE =
      CompositeArchRule.of(
          MODULE_ROOTS.values().stream().sorted().map(AgentKeelRules::internalsOf).toList());

  private static ArchRule internalsOf(String root) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + "..internal..")
        .because(
            root
                + "..internal.. is not API and may change in any release; only its own module"
                + " uses it (docs/architecture.md rule 5)")
        .allowEmptyShould(true);
  }

  // ---------------------------------------------------------------------------------------------
  // Coding rules over the whole tree.

  /**
   * No package cycles within {@code io.agentkeel}. Each package is a slice, except that an {@code
   * .internal} package (with its subpackages) counts as part of the package that owns it: a public
   * interface whose factory returns an internal implementation of itself is not a cycle. The API's
   * packages ({@code io.agentkeel.api} and {@code io.agentkeel.api.memory}) are one slice: the
   * published contract is one unit by design (an assembled context holds chat turns, a memory owner
   * is made from a principal), and it is layered below every other module.
   */
  static final ArchRule NO_PACKAGE_CYCLES =
      SlicesRuleDefinition.slices()
          .assignedFrom(packagesWithTheirInternals(BASE))
          .should()
          .beFreeOfCycles()
          .because("a package cycle makes the packages one unit that cannot be split or layered");

  static SliceAssignment packagesWithTheirInternals(String base) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        if (!pkg.equals(base) && !pkg.startsWith(base + ".")) {
          return SliceIdentifier.ignore();
        }
        if (pkg.startsWith(base + ".api.")) {
          return SliceIdentifier.of(base + ".api");
        }
        return SliceIdentifier.of(ownerOfInternals(pkg));
      }

      @Override
      public String getDescription() {
        return "packages of " + base + " (an .internal package counts as its owner's)";
      }
    };
  }

  /** The package an {@code .internal} package belongs to, or the package itself. */
  static String ownerOfInternals(String pkg) {
    int internal = (pkg + ".").indexOf(".internal.");
    return internal < 0 ? pkg : pkg.substring(0, internal);
  }

  /**
   * No code writes to {@code System.out} or {@code System.err} (nor calls {@code
   * printStackTrace()}, which writes to {@code System.err}): a library logs, or returns what it has
   * to say. The one exception is a program's {@code public static void main(String[])}, which may
   * hand the console streams to the code it runs.
   */
  static final ArchRule NO_STANDARD_STREAMS =
      classes()
          .should(notUseStandardStreamsOutsideMain())
          .because("a library logs through SLF4J or returns what it has to say");

  private static ArchCondition<JavaClass> notUseStandardStreamsOutsideMain() {
    return new ArchCondition<>(
        "not access System.out or System.err, nor call printStackTrace(), outside main(String[])") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (JavaAccess<?> access : javaClass.getAccessesFromSelf()) {
          if (isStandardStreamUse(access) && !isMainMethod(access.getOrigin())) {
            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
          }
        }
      }
    };
  }

  private static boolean isStandardStreamUse(JavaAccess<?> access) {
    if (access instanceof JavaFieldAccess field) {
      return field.getTargetOwner().isEquivalentTo(System.class)
          && (field.getName().equals("out") || field.getName().equals("err"));
    }
    if (access instanceof JavaCodeUnitAccess<?> call) {
      return call.getName().equals("printStackTrace")
          && call.getTarget().getRawParameterTypes().isEmpty()
          && call.getTargetOwner().isAssignableTo(Throwable.class);
    }
    return false;
  }

  private static boolean isMainMethod(JavaCodeUnit codeUnit) {
    return codeUnit.isMethod()
        && codeUnit.getName().equals("main")
        && codeUnit.getModifiers().contains(JavaModifier.PUBLIC)
        && codeUnit.getModifiers().contains(JavaModifier.STATIC)
        && codeUnit.getRawReturnType().getName().equals("void")
        && codeUnit.getRawParameterTypes().size() == 1
        && codeUnit.getRawParameterTypes().get(0).getName().equals(String[].class.getName());
  }

  /**
   * No code catches {@code Throwable}: it swallows {@code OutOfMemoryError}, {@code
   * StackOverflowError} and interrupts. Catch {@code Exception} (or narrower) and let errors
   * through.
   *
   * <p>One exception, by design: core's {@code Containment}, the single place where whatever a
   * tool, a model client or an extension throws is turned into an outcome (issue 7, A1: a task ends
   * in an outcome for any {@code Throwable}). It restores the interrupt flag it catches.
   *
   * <p>javac compiles try-with-resources into a catch of {@code Throwable} that closes the resource
   * and rethrows, and ArchUnit reports it like any other catch block, at the line of the body. The
   * two cannot be told apart from ArchUnit's model, so a block that catches {@code Throwable} alone
   * is taken for javac's when its method calls {@code Throwable.addSuppressed}, which javac's
   * handler does. Known gap: a hand-written {@code catch (Throwable)} in a method that also uses
   * try-with-resources is not reported.
   */
  static final ArchRule NO_CATCHING_THROWABLE =
      classes()
          .that()
          .doNotHaveFullyQualifiedName("io.agentkeel.core.internal.Containment")
          .should(notCatchThrowable())
          .because("catching Throwable swallows errors the JVM cannot recover from");

  private static ArchCondition<JavaClass> notCatchThrowable() {
    return new ArchCondition<>("not catch java.lang.Throwable") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        Stream.concat(
                javaClass.getCodeUnits().stream(),
                javaClass.getStaticInitializer().map(Stream::of).orElseGet(Stream::empty))
            .distinct()
            .flatMap(codeUnit -> codeUnit.getTryCatchBlocks().stream())
            .filter(block -> catchesThrowable(block) && !isTryWithResourcesHandler(block))
            .forEach(block ->
                events.add(
                    SimpleConditionEvent.violated(
                        block,
                        block.getOwner().getFullName()
                            + " catches java.lang.Throwable in "
                            + block.getSourceCodeLocation())));
      }
    };
  }

  private static boolean catchesThrowable(TryCatchBlock block) {
    return block.getCaughtThrowables().stream().anyMatch(t -> t.isEquivalentTo(Throwable.class));
  }

  private static boolean isTryWithResourcesHandler(TryCatchBlock block) {
    return block.getCaughtThrowables().size() == 1
        && block.getOwner().getMethodCallsFromSelf().stream()
            .anyMatch(call ->
                call.getName().equals("addSuppressed")
                    && call.getTargetOwner().isAssignableTo(Throwable.class));
  }

  /**
   * {@code @Experimental} marks public API that may still change; it is kept honest: it may stand
   * only on public types and public members of public types, outside {@code .internal} packages. On
   * an internal or non-public element the mark promises nothing (such code may change anyway) and
   * misleads the reader into treating the element as API.
   */
  static final ArchRule EXPERIMENTAL_ONLY_ON_PUBLIC_API =
      classes()
          .should(markExperimentalOnlyPublicApi())
          .because("@Experimental is a statement about public API, not about internals");

  private static final String EXPERIMENTAL = "io.agentkeel.api.Experimental";

  private static ArchCondition<JavaClass> markExperimentalOnlyPublicApi() {
    return new ArchCondition<>("carry @Experimental only on public API") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        boolean api =
            javaClass.getModifiers().contains(JavaModifier.PUBLIC)
                && !(javaClass.getPackageName() + ".").contains(".internal.");
        if (javaClass.isAnnotatedWith(EXPERIMENTAL) && !api) {
          events.add(
              SimpleConditionEvent.violated(
                  javaClass,
                  javaClass.getFullName()
                      + " is @Experimental but is not public API (internal or not public)"));
        }
        javaClass.getMembers().stream()
            .filter(member -> member.isAnnotatedWith(EXPERIMENTAL))
            .filter(member -> !api || !member.getModifiers().contains(JavaModifier.PUBLIC))
            .forEach(member ->
                events.add(
                    SimpleConditionEvent.violated(
                        member,
                        member.getFullName()
                            + " is @Experimental but is not public API (internal or not"
                            + " public)")));
      }
    };
  }

  private AgentKeelRules() {}
}

package io.agentkeel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.architecture.fixtures.pin.exported.PublicType;
import io.agentkeel.architecture.fixtures.pin.exported.internal.PublicInternalType;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Pins each module's public packages: its API. A package that becomes public, or stops being so,
 * changes what users may import and what the project must keep compatible; that is a decision, so
 * it fails this test until {@link #PINNED} is updated in the same change.
 */
class ExportedPackagesTest {

  /**
   * The public packages (holding a public top-level class, outside {@code ..internal..}) of each
   * module. Add or remove one line per package, deliberately, when a module's API changes.
   */
  private static final SortedMap<String, SortedSet<String>> PINNED =
      pin(
          Map.of(
              "agent-tools-spi", List.of("io.agentkeel.tools.spi"),
              "agent-api", List.of("io.agentkeel.api", "io.agentkeel.api.memory"),
              "agent-core", List.of("io.agentkeel.core", "io.agentkeel.core.tool"),
              "agent-testkit", List.of("io.agentkeel.testkit", "io.agentkeel.testkit.store"),
              "agent-memory", List.of("io.agentkeel.memory"),
              "agent-security", List.of("io.agentkeel.security"),
              "agent-observability", List.of("io.agentkeel.observability"),
              "agent-durable", List.of("io.agentkeel.durable"),
              "agent-cluster", List.of("io.agentkeel.cluster"),
              "agent-example-orders-plugin", List.of("io.agentkeel.examples.orders")));

  @Test
  void publicPackagesOfEveryModuleAreThePinnedOnes() {
    SortedMap<String, SortedSet<String>> actual =
        ExportedPackages.of(ProductionClasses.get(), AgentKeelRules.MODULE_ROOTS);
    List<String> differences = ExportedPackages.differences(PINNED, actual);
    assertThat(differences)
        .as(
            "The public packages of the modules are not the pinned ones:%n  %s%n"
                + "A public package is API that users may import and that must stay compatible."
                + " If the change is deliberate, update PINNED in %s (one line per package);"
                + " otherwise make the classes package-private or move them to an .internal"
                + " package. A package under %s needs its module's root in"
                + " AgentKeelRules.MODULE_ROOTS.",
            String.join("%n  ".formatted(), differences),
            ExportedPackagesTest.class.getName(),
            ExportedPackages.NO_MODULE)
        .isEmpty();
  }

  @Test
  void countsPackagesWithAPublicTopLevelClassOutsideInternalOnly() {
    SortedMap<String, SortedSet<String>> actual =
        ExportedPackages.of(
            Fixtures.importClasses(
                PublicType.class, PublicInternalType.class, hiddenTypes()[0], hiddenTypes()[1]),
            Map.of("fixture", "io.agentkeel.architecture.fixtures.pin"));
    assertThat(actual)
        .isEqualTo(pin(Map.of("fixture", List.of(PublicType.class.getPackageName()))));
  }

  @Test
  void namesEveryAddedAndRemovedPackage() {
    List<String> differences =
        ExportedPackages.differences(
            pin(Map.of("agent-api", List.of("io.agentkeel.api", "io.agentkeel.api.old"))),
            pin(
                Map.of(
                    "agent-api",
                    List.of("io.agentkeel.api", "io.agentkeel.api.extra"),
                    ExportedPackages.NO_MODULE,
                    List.of("io.agentkeel.stray"))));
    assertThat(differences)
        .containsExactlyInAnyOrder(
            "new public package io.agentkeel.api.extra in agent-api",
            "public package io.agentkeel.api.old of agent-api is gone (or holds no public class)",
            "new public package io.agentkeel.stray in " + ExportedPackages.NO_MODULE);
  }

  @Test
  void assignsAPackageToTheModuleWithTheLongestRoot() {
    SortedMap<String, SortedSet<String>> actual =
        ExportedPackages.of(
            Fixtures.importClasses(PublicType.class),
            Map.of(
                "outer", "io.agentkeel.architecture.fixtures",
                "inner", "io.agentkeel.architecture.fixtures.pin"));
    assertThat(actual).containsOnlyKeys("inner");
  }

  private static Class<?>[] hiddenTypes() {
    try {
      return new Class<?>[] {
        Class.forName("io.agentkeel.architecture.fixtures.pin.hidden.HiddenType"),
        Class.forName("io.agentkeel.architecture.fixtures.pin.hidden.HiddenType$Nested")
      };
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("fixture missing", e);
    }
  }

  private static SortedMap<String, SortedSet<String>> pin(Map<String, List<String>> packages) {
    SortedMap<String, SortedSet<String>> pinned = new TreeMap<>();
    packages.forEach((module, list) -> pinned.put(module, new TreeSet<>(list)));
    return pinned;
  }
}

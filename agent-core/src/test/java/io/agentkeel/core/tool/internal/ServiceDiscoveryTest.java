package io.agentkeel.core.tool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The generic part of discovery; jars on real class paths are in ToolCatalogDiscoveryTest. */
class ServiceDiscoveryTest {

  /** A service type nobody lists in META-INF/services. */
  interface Greeter extends Supplier<String> {}

  private final ServiceDiscovery<Greeter> discovery =
      new ServiceDiscovery<>(Greeter.class, "greeter", Greeter::get, g -> "1.0");

  @Test
  void explicitImplementationsComeFirstInTheOrderGiven() {
    Greeter b = () -> "b";
    Greeter a = () -> "a";

    List<ServiceDiscovery.Found<Greeter>> found =
        discovery.discover(List.of(b, a), getClass().getClassLoader());

    assertThat(found).extracting(ServiceDiscovery.Found::name).containsExactly("b", "a");
    assertThat(found)
        .allSatisfy(f -> {
          assertThat(f.discovered()).isFalse();
          assertThat(f.source()).isEqualTo(ServiceDiscovery.EXPLICIT);
        });
  }

  @Test
  void withoutAClassLoaderNothingIsDiscovered() {
    Greeter a = () -> "a";
    assertThat(discovery.discover(List.of(a), null)).hasSize(1);
  }

  @Test
  void readsTheImplementationVersionOfAJar() {
    // JUnit's jar carries an Implementation-Version; a test class directory does not.
    assertThat(ServiceDiscovery.implementationVersion(Test.class)).matches("\\d+\\.\\d+.*");
    assertThat(ServiceDiscovery.implementationVersion(ServiceDiscoveryTest.class))
        .isEqualTo("unknown version");
  }
}

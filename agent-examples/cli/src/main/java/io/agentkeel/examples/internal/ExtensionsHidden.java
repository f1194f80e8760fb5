package io.agentkeel.examples.internal;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A class loader that sees everything its parent sees except the {@code AgentExtension} service
 * list, so that core's discovery finds the tool plugins while the examples choose, agent by agent,
 * which extensions to install.
 */
public final class ExtensionsHidden extends ClassLoader {

  private static final String EXTENSIONS = "META-INF/services/io.agentkeel.api.AgentExtension";

  /**
   * Wraps a class loader.
   *
   * @param parent the loader that finds the plugins
   */
  public ExtensionsHidden(ClassLoader parent) {
    super("extensions-hidden", parent);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return EXTENSIONS.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
  }

  @Override
  public URL getResource(String name) {
    return EXTENSIONS.equals(name) ? null : super.getResource(name);
  }
}

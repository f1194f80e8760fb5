package io.agentkeel.tools.spi.internal;

import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.Map;

/**
 * The plain {@link ToolProviderContext}.
 *
 * @param settings the plugin's settings
 * @param classLoader the class loader that found it
 */
public record ProviderContext(Map<String, String> settings, ClassLoader classLoader)
    implements ToolProviderContext {

  @Override
  public String toString() {
    // Values may be credentials: show the keys only.
    return "ToolProviderContext[settings=" + settings.keySet() + "]";
  }
}

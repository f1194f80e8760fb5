package io.agentkeel.examples.shipping;

import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.List;

/** The plugin's entry point, listed in META-INF/services. */
public final class ShippingToolProvider implements ToolProvider {

  /** Makes the provider; it does no work until {@link #tools(ToolProviderContext)} is called. */
  public ShippingToolProvider() {}

  @Override
  public String name() {
    return "example-shipping";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public List<Tool<?, ?>> tools(ToolProviderContext context) {
    return AnnotatedTools.of(new ShippingTools());
  }
}

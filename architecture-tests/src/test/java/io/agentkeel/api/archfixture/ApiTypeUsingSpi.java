package io.agentkeel.api.archfixture;

import io.agentkeel.api.Task;
import io.agentkeel.tools.spi.Tool;
import java.util.List;

/** Fixture that keeps rule 1: an API type using the JDK, the API and the SPI. */
public final class ApiTypeUsingSpi {
  private final List<Tool<?, ?>> tools;
  private final Task task;

  ApiTypeUsingSpi(List<Tool<?, ?>> tools, Task task) {
    this.tools = List.copyOf(tools);
    this.task = task;
  }

  int count() {
    return tools.size() + task.toString().length();
  }
}

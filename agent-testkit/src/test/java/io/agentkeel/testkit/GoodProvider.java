package io.agentkeel.testkit;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.List;

/** A well-made provider, registered in META-INF/services of the tests. */
public final class GoodProvider implements ToolProvider {

  /** Arguments of get_weather_forecast. */
  public record Forecast(
      @Param("The city, such as Lisbon.") String city,
      @Param(value = "How many days ahead, 1 to 7.", min = 1, max = 7) @Default("3") int days) {}

  /** The tool's result. */
  public record Weather(String summary) {}

  /** The tools. */
  public static final class WeatherTools {
    /**
     * Forecasts the weather.
     *
     * @param request the arguments
     * @return the forecast
     */
    @AgentTool(
        name = "get_weather_forecast",
        description = "Gives the weather forecast for a city, day by day.",
        whenToUse = "When the user asks what the weather will be like somewhere.",
        sideEffect = SideEffect.READ_ONLY)
    public Weather forecast(Forecast request) {
      return new Weather("sunny");
    }
  }

  @Override
  public String name() {
    return "weather";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public List<Tool<?, ?>> tools(ToolProviderContext context) {
    return AnnotatedTools.of(new WeatherTools());
  }
}

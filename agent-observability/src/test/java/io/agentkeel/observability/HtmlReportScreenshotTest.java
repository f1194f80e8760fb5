package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.observability.internal.ReportRenderer;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML report in headless Chromium and counts coloured pixels inside each chart: a
 * report with data draws bars there, an empty report does not. Skips when Chromium is absent,
 * unless the environment variable CI is {@code true}.
 */
class HtmlReportScreenshotTest {

  private static final int WIDTH = 1280;
  private static final int HEIGHT = 960;

  @TempDir Path dir;

  static Optional<Path> chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String bin : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(bin, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private BufferedImage screenshot(String html, String name) throws Exception {
    Optional<Path> chromium = chromium();
    if (chromium.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            "Chromium is needed for the HTML report test under CI: apt-get install -y chromium");
      }
      Assumptions.abort("Chromium is not installed (apt-get install -y chromium); skipped");
    }
    Path page = dir.resolve(name + ".html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    Path png = dir.resolve(name + ".png");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.get().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--user-data-dir=" + dir.resolve(name + "-profile"),
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--screenshot=" + png,
                page.toUri().toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not finish in 90 s");
    }
    assertThat(png)
        .as("screenshot; Chromium said: " + readLog(dir.resolve(name + ".log")))
        .exists();
    return ImageIO.read(png.toFile());
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Pixels clearly coloured (not white, grey or black) inside each chart, by chart id. */
  static Map<String, Integer> colouredPixels(BufferedImage image) {
    Map<String, Integer> counts = new TreeMap<>();
    ReportRenderer.CHARTS.forEach((id, at) -> {
      int count = 0;
      for (int y = at[1]; y < at[1] + ReportRenderer.CHART_HEIGHT; y++) {
        for (int x = at[0]; x < at[0] + ReportRenderer.CHART_WIDTH; x++) {
          int rgb = image.getRGB(x, y);
          int r = (rgb >> 16) & 0xff;
          int g = (rgb >> 8) & 0xff;
          int b = rgb & 0xff;
          if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
            count++;
          }
        }
      }
      counts.put(id, count);
    });
    return counts;
  }

  @Test
  void chartsWithDataArePaintedAndEmptyChartsAreNot() throws Exception {
    ObservabilityReport full =
        ObservabilityReport.fromDecisionLog(
            ReportTest.scenarioLines().stream(), ReportTest.FROM, ReportTest.TO);
    BufferedImage image = screenshot(full.toHtml(), "full");
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(HEIGHT);
    Map<String, Integer> painted = colouredPixels(image);
    String keep = System.getProperty("observability.report.out");
    if (keep != null) {
      Files.createDirectories(Path.of(keep));
      Files.copy(
          dir.resolve("full.png"),
          Path.of(keep, "report.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          dir.resolve("full.html"),
          Path.of(keep, "report.html"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(Path.of(keep, "pixels.txt"), painted.toString());
    }
    assertThat(painted).hasSize(4);
    painted.forEach((chart, pixels) -> assertThat(pixels).as(chart).isGreaterThan(1500));

    ObservabilityReport empty =
        ObservabilityReport.fromDecisionLog(
            List.<String>of().stream(), ReportTest.FROM, ReportTest.TO);
    Map<String, Integer> blank = colouredPixels(screenshot(empty.toHtml(), "empty"));
    // Only the legend's swatches of the outcomes chart are coloured in an empty report.
    blank.forEach((chart, pixels) -> assertThat(pixels).as(chart).isLessThan(700));
    painted.forEach(
        (chart, pixels) -> assertThat(pixels).as(chart).isGreaterThan(blank.get(chart) + 1000));
  }
}

package io.agentkeel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository tells the truth about itself: the licence file is the licence the poms declare,
 * the README links the architecture page, and every document a build message or rule cites exists.
 */
class RepositoryDocumentsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theLicenceFileIsTheLicenceThePomDeclares() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    assertThat(pom).contains("<name>Apache-2.0</name>");
    assertThat(Files.readString(ROOT.resolve("LICENSE")))
        .contains("Apache License")
        .contains("Version 2.0, January 2004");
  }

  @Test
  void theReadmeLinksTheArchitecturePageWhichExists() throws IOException {
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("(docs/architecture.md)");
    assertThat(ROOT.resolve("docs/architecture.md")).isRegularFile();
  }

  @Test
  void everyDocumentThatAPomOrARuleCitesExists() throws IOException {
    Pattern cited = Pattern.compile("(docs/[\\w./-]+\\.md|DESIGN\\.md)");
    List<String> missing = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(ROOT)) {
      sources =
          files
              .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
              .filter(f ->
                  f.getFileName().toString().equals("pom.xml")
                      || f.toString().endsWith("AgentKeelRules.java"))
              .toList();
    }
    assertThat(sources).isNotEmpty();
    for (Path source : sources) {
      Matcher m = cited.matcher(Files.readString(source));
      while (m.find()) {
        if (!Files.isRegularFile(ROOT.resolve(m.group(1)))) {
          missing.add(ROOT.relativize(source) + " cites " + m.group(1));
        }
      }
    }
    assertThat(missing).as("cited documents that do not exist").isEmpty();
  }
}

package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.tools.spi.AnnotatedTools;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolDesignLintTest {

  private static List<String> rules(Object tools) {
    return ToolDesignLint.check(
            ToolCatalog.of(
                AnnotatedTools.of(tools).toArray(new io.agentkeel.tools.spi.Tool<?, ?>[0])))
        .stream()
        .map(LintFinding::rule)
        .toList();
  }

  @Test
  void flagsDoStuffOfQuery() {
    List<LintFinding> findings =
        ToolDesignLint.check(ToolCatalog.of(AnnotatedTools.of(new SampleTools.BadTools()).get(0)));
    assertThat(findings)
        .extracting(LintFinding::rule)
        .containsExactlyInAnyOrder(
            "vague-name",
            "vague-description",
            "no-when-to-use",
            "undescribed-parameter",
            "write-without-scope",
            "unbounded-list-result");
    assertThat(findings)
        .allSatisfy(f -> {
          assertThat(f.tool()).isEqualTo("do_stuff");
          assertThat(f.reason()).isNotBlank();
          assertThat(f.fix()).isNotBlank();
        });
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("undescribed-parameter"))
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("query"));
  }

  @Test
  void flagsAModeParameter() {
    assertThat(
            ToolDesignLint.check(
                ToolCatalog.of(AnnotatedTools.of(new SampleTools.ModeTools()).get(0))))
        .extracting(LintFinding::rule, f -> f.reason().contains("'mode'"))
        .contains(org.assertj.core.groups.Tuple.tuple("mode-parameter", true));
  }

  @Test
  void passesAWellDesignedTool() {
    assertThat(rules(new SampleTools.OrderTools())).isEmpty();
  }

  @Test
  void findingKeyIsToolColonRule() {
    assertThat(new LintFinding("cancel_order", "vague-name", "r", "f").key())
        .isEqualTo("cancel_order:vague-name");
  }
}

package io.agentkeel.examples.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimIntakeTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-06-01");
  private final ClaimStore store = ClaimStore.withSampleData(TODAY);
  private final ClaimIntake intake = new ClaimIntake(store, TODAY);

  private static Task task(String claim) {
    Task.Builder builder =
        Task.builder().input("review").principal(Principal.of("p")).workflow("documents");
    if (claim != null) {
      builder.attribute(ClaimIntake.DOCUMENT_ID, claim);
    }
    return builder.build();
  }

  @Test
  void claimsDueSoonestComeFirstThenLargerAmountsAndUnknownOnesLast() {
    List<String> order =
        java.util.stream.Stream.of("D-1001", "D-1002", "D-1003", "D-1004", "D-1005", "D-9999")
            .sorted(Comparator.comparingDouble((String c) -> intake.score(task(c))).reversed())
            .toList();
    assertThat(order).containsExactly("D-1004", "D-1002", "D-1001", "D-1003", "D-1005", "D-9999");
    assertThat(intake.score(task(null))).isEqualTo(intake.score(task("D-9999")));
  }
}

package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

  private static final DecisionLogWriter.Identities OMITTED =
      new DecisionLogWriter.Identities(
          "ann.lee", "rex.reviewer", id -> DecisionLogWriter.OMITTED_ID);

  @Test
  void anIdQuotedAsAWholeWordIsHiddenWhereverItStands() {
    assertThat(OMITTED.hide("reviewer rex.reviewer rejected the answer of ann.lee."))
        .isEqualTo("reviewer [omitted] rejected the answer of [omitted].");
    assertThat(OMITTED.hide("(rex.reviewer)")).isEqualTo("([omitted])");
  }

  @Test
  void anIdInsideALongerWordIsLeftAlone() {
    assertThat(OMITTED.hide("mail joann.lee and rex.reviewers"))
        .isEqualTo("mail joann.lee and rex.reviewers");
  }

  @Test
  void hashedIdsStillGroupAndShortIdsAreNotSearchedFor() {
    DecisionLogWriter.Identities hashed =
        new DecisionLogWriter.Identities("ann.lee", "al", DecisionLogWriter::hash);
    assertThat(hashed.hide("approved by ann.lee"))
        .isEqualTo("approved by " + DecisionLogWriter.hash("ann.lee"))
        .doesNotContain("ann.lee");
    // Two characters would be found inside ordinary words ("always"): not searched for.
    assertThat(hashed.hide("always al")).isEqualTo("always al");
    assertThat(DecisionLogWriter.Identities.NONE.hide("ann.lee")).isEqualTo("ann.lee");
    assertThat(new DecisionLogWriter.Identities(null, null, UnaryOperator.identity()).hide("x"))
        .isEqualTo("x");
  }
}

package io.agentkeel.examples.documents;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The claims to review, made in code. Immutable and thread-safe. */
public final class ClaimStore {

  private final Map<String, ExpenseClaim> claims;

  private ClaimStore(List<ExpenseClaim> claims) {
    this.claims =
        claims.stream()
            .collect(Collectors.toUnmodifiableMap(ExpenseClaim::documentId, Function.identity()));
  }

  /**
   * Five sample claims around a date: two in order, one borderline (no receipt for a small amount),
   * one over the limit without approval, one due first.
   *
   * @param today the date the samples are relative to
   * @return the store
   */
  public static ClaimStore withSampleData(LocalDate today) {
    return new ClaimStore(
        List.of(
            new ExpenseClaim(
                "D-1001",
                "Ana",
                new BigDecimal("42.50"),
                "train ticket",
                true,
                true,
                today.minusDays(5),
                today.plusDays(20)),
            new ExpenseClaim(
                "D-1002",
                "Ben",
                new BigDecimal("38.00"),
                "team lunch",
                false,
                true,
                today.minusDays(9),
                today.plusDays(14)),
            new ExpenseClaim(
                "D-1003",
                "Chloe",
                new BigDecimal("2400.00"),
                "laptop",
                true,
                false,
                today.minusDays(2),
                today.plusDays(25)),
            new ExpenseClaim(
                "D-1004",
                "Dev",
                new BigDecimal("120.00"),
                "hotel night",
                true,
                true,
                today.minusDays(30),
                today.plusDays(2)),
            new ExpenseClaim(
                "D-1005",
                "Eve",
                new BigDecimal("15.90"),
                "taxi",
                true,
                true,
                today.minusDays(1),
                today.plusDays(28))));
  }

  /**
   * Finds a claim.
   *
   * @param documentId the claim's number
   * @return the claim, if there is one
   */
  public Optional<ExpenseClaim> find(String documentId) {
    return Optional.ofNullable(claims.get(documentId));
  }

  /**
   * Every claim, by number.
   *
   * @return the claims
   */
  public List<ExpenseClaim> all() {
    return claims.values().stream()
        .sorted(java.util.Comparator.comparing(ExpenseClaim::documentId))
        .toList();
  }
}

package io.agentkeel.examples.documents;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The review tool of the document-review example. Thread-safe. */
public final class ClaimTools {

  /** Claims above this amount, in euros, need the manager's approval. */
  public static final BigDecimal APPROVAL_LIMIT = new BigDecimal("500");

  /** Claims above this amount, in euros, need a receipt. */
  public static final BigDecimal RECEIPT_LIMIT = new BigDecimal("25");

  /** The most findings one check returns: one per rule of the policy. */
  public static final int MAX_FINDINGS = 2;

  private final ClaimStore store;

  /**
   * Makes the tools over a store.
   *
   * @param store the claims
   */
  public ClaimTools(ClaimStore store) {
    this.store = store;
  }

  /**
   * Arguments of {@code check_expense_claim}.
   *
   * @param documentId the claim's number
   */
  public record CheckExpenseClaim(
      @Param(value = "The claim's document number, such as D-1001.", pattern = "^D-[0-9]+$")
          String documentId) {}

  /**
   * The result of checking a claim against the expense policy.
   *
   * @param documentId the claim
   * @param verdict {@code pay}, {@code check} or {@code reject}
   * @param score how sure the check is that the verdict is right, from 0 to 1
   * @param findings what the check found, at most one per policy rule, empty when the claim is in
   *     order
   * @param claim the claim itself
   */
  public record ClaimCheck(
      String documentId, String verdict, double score, List<String> findings, ExpenseClaim claim) {}

  /**
   * Checks a claim against the expense policy.
   *
   * @param request the arguments
   * @return the check
   * @throws ToolException if there is no such claim
   */
  @AgentTool(
      name = "check_expense_claim",
      description =
          "Checks one expense claim against the expense policy (receipt above 25 euros, manager"
              + " approval above 500 euros) and returns a verdict, findings and a score.",
      whenToUse = "When an expense claim or document number needs reviewing before it is paid.",
      scopes = "documents:read",
      sideEffect = SideEffect.READ_ONLY,
      maxResults = ClaimTools.MAX_FINDINGS)
  public ClaimCheck checkExpenseClaim(CheckExpenseClaim request) throws ToolException {
    ExpenseClaim claim =
        store
            .find(request.documentId())
            .orElseThrow(() ->
                ToolException.permanent(
                    "there is no claim " + request.documentId() + "; check the number"));
    List<String> findings = new ArrayList<>();
    double score = 0.95;
    String verdict = "pay";
    if (!claim.receiptAttached() && claim.amountEur().compareTo(RECEIPT_LIMIT) > 0) {
      findings.add("no receipt for " + claim.amountEur() + " EUR; a person should ask for it");
      score = 0.7;
      verdict = "check";
    }
    if (!claim.approvedByManager() && claim.amountEur().compareTo(APPROVAL_LIMIT) > 0) {
      findings.add(
          claim.amountEur()
              + " EUR is above the "
              + APPROVAL_LIMIT
              + " EUR limit without approval");
      score = 0.3;
      verdict = "reject";
    }
    return new ClaimCheck(claim.documentId(), verdict, score, findings, claim);
  }
}

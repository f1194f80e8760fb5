package io.agentkeel.examples.documents;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An expense claim waiting to be reviewed.
 *
 * @param documentId the claim's number, such as {@code D-1001}
 * @param employee who claims
 * @param amountEur the amount claimed, in euros
 * @param category what it was spent on
 * @param receiptAttached whether a receipt is attached
 * @param approvedByManager whether the manager signed it
 * @param spentOn when the money was spent
 * @param dueBy when the claim must be paid
 */
public record ExpenseClaim(
    String documentId,
    String employee,
    BigDecimal amountEur,
    String category,
    boolean receiptAttached,
    boolean approvedByManager,
    LocalDate spentOn,
    LocalDate dueBy) {}

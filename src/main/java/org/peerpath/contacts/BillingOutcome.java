package org.peerpath.contacts;

import java.time.LocalDate;
import java.util.List;

import org.peerpath.billing.BillingEvaluation;

/**
 * The billing evaluation stored on a contact, in the shape the API shows it. A snapshot: rules may change, the
 * evaluation a contact was signed under does not.
 */
record BillingOutcome(boolean billable, String procedureCode, List<String> modifiers, int units, int minutes,
        String fundingSource, String authorizationId, LocalDate dateOfService, List<Finding> findings) {

    record Finding(String code, String message, String severity, String source) {
    }

    static BillingOutcome of(BillingEvaluation evaluation) {
        return new BillingOutcome(evaluation.billable(), evaluation.procedureCode(), evaluation.modifiers(),
                evaluation.units(), evaluation.minutes(),
                evaluation.fundingSource() == null ? null : evaluation.fundingSource().name(),
                evaluation.authorizationId(), evaluation.dateOfService(),
                evaluation.findings().stream().map(f -> new Finding(f.code(), f.message(), f.severity().name(),
                        f.source())).toList());
    }

    /** Not billable, with the findings that say why (e.g. a void). */
    boolean consumesUnits() {
        return billable && units > 0;
    }
}

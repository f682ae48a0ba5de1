package org.peerpath.contacts;

import java.time.LocalDate;
import java.util.List;

import org.peerpath.billing.BillingEvaluation;

/**
 * The billing evaluation stored on a contact, in the shape the API shows it. A snapshot: rules may change, the
 * evaluation a contact was signed under does not. It names the rule pack and the unit rounding it applied (the
 * organization's on the date of service, issue 10 item 3); both are null on evaluations stored before then.
 */
record BillingOutcome(boolean billable, String procedureCode, List<String> modifiers, int units, int minutes,
        String fundingSource, String authorizationId, LocalDate dateOfService, List<Finding> findings,
        String rulePack, String unitRounding) {

    record Finding(String code, String message, String severity, String source) {
    }

    static BillingOutcome of(BillingEvaluation evaluation, BillingBasis basis) {
        return new BillingOutcome(evaluation.billable(), evaluation.procedureCode(), evaluation.modifiers(),
                evaluation.units(), evaluation.minutes(),
                evaluation.fundingSource() == null ? null : evaluation.fundingSource().name(),
                evaluation.authorizationId(), evaluation.dateOfService(),
                evaluation.findings().stream().map(f -> new Finding(f.code(), f.message(), f.severity().name(),
                        f.source())).toList(), basis.rulePack(), basis.unitRounding().name());
    }

    /** Not billable, with the findings that say why (e.g. a void). */
    boolean consumesUnits() {
        return billable && units > 0;
    }

    /** The settings this evaluation applied; null when it was stored before evaluations recorded them. */
    BillingBasis basis() {
        return rulePack == null || unitRounding == null ? null
                : new BillingBasis(rulePack, org.peerpath.billing.UnitRounding.valueOf(unitRounding));
    }
}

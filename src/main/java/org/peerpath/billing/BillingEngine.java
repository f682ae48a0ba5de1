package org.peerpath.billing;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether one contact is billable, and how. It exists as the single place where a contact's facts meet
 * its organization's rule pack, so the preview, the signing step and any re-evaluation agree. It is a pure
 * function of the {@link BillingCase}: it loads nothing and changes nothing.
 */
public final class BillingEngine {

    private BillingEngine() {
    }

    /** Evaluates the case under its organization's rule pack. */
    public static BillingEvaluation evaluate(BillingCase billingCase) {
        RulePack pack = RulePacks.forId(billingCase.organization().rulePackId());
        DeliveredService service = DeliveredService.of(billingCase, billingCase.organization().unitRounding());
        ClaimLine claimLine = pack.claimLine(service);
        List<Finding> findings = pack.rules().stream()
                .map(rule -> rule.check(service))
                .flatMap(Optional::stream)
                .toList();
        return new BillingEvaluation(
                findings.stream().noneMatch(Finding::blocking),
                claimLine.procedureCode(),
                claimLine.modifiers(),
                service.units(),
                claimLine.fundingSource(),
                claimLine.authorizationId(),
                service.dateOfService(),
                service.minutes(),
                findings,
                findings.stream().anyMatch(finding -> finding.code().equals(CommonRules.CONSENT_MISSING)));
    }
}

package org.peerpath.billing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.peerpath.billing.BillingCase.FundingSource;

/**
 * The billing engine's verdict on one contact. It exists so the preview, the signing step and the claim all
 * read the same decision: whether the contact is billable, under which code, for how many units, charged to
 * what, and every finding that explains it.
 *
 * <p>Procedure code, modifiers, units, funding source and authorization are what the pack would bill; they are
 * filled in even when a finding blocks billing, so a draft's preview shows what signing will produce. Units are
 * consumed from caps and authorizations only when the contact is signed and {@code billable} is true.
 *
 * @param billable true exactly when no finding is {@link Finding.Severity#BLOCKING}
 * @param procedureCode e.g. {@code T1012} or {@code H0038}
 * @param modifiers procedure modifiers in billing order, e.g. {@code [TG, HG]}; empty when none
 * @param units billable 15-minute units after the pack's (or organization's) rounding
 * @param fundingSource the funding source billed (Michigan); null when none applies or the pack does not choose
 * @param authorizationId the authorization the units are charged against: in Michigan the covering
 *     authorization with enough units left; in Indiana a covering prior authorization, only once the rolling
 *     1,460-unit allowance is used up; otherwise null
 * @param dateOfService the start's date in the organization's zone; null while the start is not entered
 * @param minutes whole minutes from start to end; 0 while either is not entered
 * @param findings everything the rules found, in rule order
 * @param needsSupervisorReview true when the contact must go to the supervisor (a family contact without
 *     consent, {@code CONSENT_MISSING})
 */
public record BillingEvaluation(
        boolean billable,
        String procedureCode,
        List<String> modifiers,
        int units,
        FundingSource fundingSource,
        String authorizationId,
        LocalDate dateOfService,
        int minutes,
        List<Finding> findings,
        boolean needsSupervisorReview) {

    public BillingEvaluation {
        Objects.requireNonNull(procedureCode, "procedureCode");
        modifiers = List.copyOf(modifiers);
        findings = List.copyOf(findings);
        if (billable != findings.stream().noneMatch(Finding::blocking)) {
            throw new IllegalArgumentException("billable must be true exactly when no finding is blocking");
        }
    }

    /** Whether a finding with the given code was reported. */
    public boolean hasFinding(String code) {
        return findings.stream().anyMatch(finding -> finding.code().equals(code));
    }
}

package org.peerpath.billing;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.BillingCase.SupervisorQualification;

/**
 * Indiana: peer recovery support services resource and billing guide, Coding Requirements, Billing Exclusions
 * and Provider Qualifications (seeds/002). H0038 per 15 minutes, individual face-to-face only, 1,460 units per
 * rolling 12 months plus prior authorizations. The guide is silent on rounding: midpoint until an agency
 * configures otherwise.
 */
final class IndianaPack {

    static final String FACE_TO_FACE_REQUIRED = "IN.FACE_TO_FACE_REQUIRED";
    static final String GROUP_NOT_BILLABLE = "IN.GROUP_NOT_BILLABLE";
    static final String UNDER_MINIMUM_AGE = "IN.UNDER_MINIMUM_AGE";
    static final String NO_THERAPEUTIC_CONTENT = "IN.NO_THERAPEUTIC_CONTENT";
    static final String BILLABLE_AS_OTHER_SERVICE = "IN.BILLABLE_AS_OTHER_SERVICE";
    static final String ANNUAL_LIMIT_REACHED = "IN.ANNUAL_LIMIT_REACHED";
    static final String SUPERVISION_NOT_QUALIFIED = "IN.SUPERVISION_NOT_QUALIFIED";

    static final String CODE = "H0038";
    static final int ANNUAL_ALLOWANCE_UNITS = 1_460;
    static final int MINIMUM_AGE = 16;

    private static final String EXCLUSIONS = "Indiana guide, Billing Exclusions (seeds/002)";

    private static final Set<Activity> OTHER_SERVICE_ACTIVITIES =
            EnumSet.of(Activity.SKILLS_TRAINING, Activity.CASE_MANAGEMENT);
    private static final Set<Activity> NON_THERAPEUTIC_ACTIVITIES = EnumSet.of(Activity.PURELY_RECREATIONAL);
    private static final Set<SupervisorQualification> QUALIFIED_SUPERVISORS =
            EnumSet.of(SupervisorQualification.LICENSED_PROFESSIONAL, SupervisorQualification.QBHP);

    // Indiana guide, Indiana Criteria and Coding Requirements: "Peer recovery services are individual,
    // face-to-face services"; the client must take part in person.
    static final BillingRule FACE_TO_FACE = BillingRule.blocking(
            FACE_TO_FACE_REQUIRED,
            "Indiana guide, Indiana Criteria; Coding Requirements (seeds/002)",
            service -> !service.contact().clientPresent(),
            "Indiana pays only for face-to-face services with the client present.");

    // Indiana guide, Billing Exclusions: "Interventions targeted to groups are not billable as PRSS";
    // "PRSS that occur in a group setting are not reimbursable".
    static final BillingRule GROUP = BillingRule.blocking(
            GROUP_NOT_BILLABLE,
            EXCLUSIONS,
            service -> service.contact().setting() == Setting.GROUP,
            "Indiana does not pay for group services; only individual sessions are billable.");

    // Indiana guide, Billing Exclusions: "PRSS are not reimbursable for children under the age of 16".
    // Age on the date of service; the 16th birthday itself counts as 16.
    static final BillingRule MINIMUM_AGE_RULE = BillingRule.blocking(
            UNDER_MINIMUM_AGE,
            EXCLUSIONS,
            service -> service.onDateOfService(date -> date.isBefore(sixteenthBirthday(service))),
            service -> "Indiana does not pay for peer services to enrollees under 16; this enrollee turns 16 on "
                    + sixteenthBirthday(service) + ".");

    // Indiana guide, Billing Exclusions: PRSS "purely recreational or diversionary in nature, or [with] no
    // therapeutic or programmatic content, will not be reimbursed". A contact with no recovery activity and
    // nothing billable elsewhere (see OTHER_SERVICE) falls here, including one with no activity recorded.
    static final BillingRule THERAPEUTIC_CONTENT = BillingRule.blocking(
            NO_THERAPEUTIC_CONTENT,
            EXCLUSIONS,
            service -> peerActivities(service.contact().activities()).isEmpty()
                    && !containsAny(service.contact().activities(), OTHER_SERVICE_ACTIVITIES),
            "Indiana does not pay for purely recreational or diversionary time; record the recovery work this"
                    + " contact did.");

    // Indiana guide, Billing Exclusions: "Activities that may be billed under Skills Training and Development
    // or under case management are not billable as PRSS" - only when that is all the contact did.
    static final BillingRule OTHER_SERVICE = BillingRule.blocking(
            BILLABLE_AS_OTHER_SERVICE,
            EXCLUSIONS,
            service -> peerActivities(service.contact().activities()).isEmpty()
                    && containsAny(service.contact().activities(), OTHER_SERVICE_ACTIVITIES),
            "This contact was only skills training or case management, which Indiana bills as those services,"
                    + " not as peer recovery support.");

    // Indiana guide, Coding Requirements: "available without a prior authorization (PA) up to 365 hours (1,460
    // units) per rolling 12-month period. Additional units may be authorized via the PA process." A contact is
    // charged whole to the allowance or to one covering prior authorization; one that fits in neither is not
    // billable at all.
    static final BillingRule ANNUAL_LIMIT = BillingRule.blocking(
            ANNUAL_LIMIT_REACHED,
            "Indiana guide, Coding Requirements (seeds/002)",
            service -> service.onDateOfService(date -> !withinAllowance(service))
                    && chargedPriorAuthorization(service).isEmpty(),
            IndianaPack::annualLimitMessage);

    // Indiana guide, Provider Qualifications: PRSS "must be performed under the supervision of a licensed
    // professional or qualified behavioral health professional (QBHP)".
    static final BillingRule SUPERVISION = BillingRule.blocking(
            SUPERVISION_NOT_QUALIFIED,
            "Indiana guide, Provider Qualifications (seeds/002)",
            // Only judged when a supervisor is on record that day (else SUPERVISION_NOT_DOCUMENTED says so).
            service -> service.coach().supervisor() != null
                    && !QUALIFIED_SUPERVISORS.contains(service.coach().supervisorQualification()),
            "Indiana requires your supervisor to be a licensed professional or a qualified behavioral health"
                    + " professional (QBHP).");

    // Indiana guide, Provider Qualifications (seeds/002): PRSS "must be delivered by individuals certified in
    // PRSS, per the DMHA training and competency standards"; the guide names the Certified Peer Support
    // Professional, the Certified Addiction Peer Recovery Coach and the Certified Recovery Specialist.
    static final CredentialRequirement CREDENTIAL = new CredentialRequirement(
            "an Indiana peer recovery certification per DMHA standards (CPSP, CAPRC or CRS)",
            java.util.Set.of(BillingCase.CredentialType.CPSP, BillingCase.CredentialType.CAPRC,
                    BillingCase.CredentialType.CRS),
            "IN", "Indiana guide, Provider Qualifications (seeds/002)");

    static final RulePack PACK = new RulePack(
            "IN",
            UnitRounding.MIDPOINT,
            IndianaPack::claimLine,
            role -> CREDENTIAL,
            List.of(FACE_TO_FACE, GROUP, MINIMUM_AGE_RULE, THERAPEUTIC_CONTENT, OTHER_SERVICE, ANNUAL_LIMIT,
                    SUPERVISION));

    private IndianaPack() {
    }

    // Indiana guide, Coding Requirements: H0038, no modifiers. The guide names no funding choice, so none is
    // made; units go to a prior authorization only once the rolling allowance cannot take them.
    private static ClaimLine claimLine(DeliveredService service) {
        String authorizationId = service.dateOfService() == null || withinAllowance(service)
                ? null
                : chargedPriorAuthorization(service).map(Authorization::id).orElse(null);
        return new ClaimLine(CODE, List.of(), null, authorizationId);
    }

    private static boolean withinAllowance(DeliveredService service) {
        return service.billingCase().unitsUsedInRollingWindow() + service.units() <= ANNUAL_ALLOWANCE_UNITS;
    }

    /**
     * Of the rolling windows containing the date of service, the busiest: the allowance must hold in every one
     * of them (Indiana guide, Coding Requirements, seeds/002: "per rolling 12-month period").
     */
    private static RollingWindow busiestWindow(DeliveredService service) {
        RollingWindow busiest = service.billingCase().busiestRollingWindow();
        return busiest != null ? busiest : RollingWindow.of(service.dateOfService());
    }

    private static Optional<Authorization> chargedPriorAuthorization(DeliveredService service) {
        return service.chargeableAuthorization(kind -> kind == AuthorizationKind.PRIOR_AUTHORIZATION);
    }

    private static String annualLimitMessage(DeliveredService service) {
        int remaining = Math.max(0, ANNUAL_ALLOWANCE_UNITS - service.billingCase().unitsUsedInRollingWindow());
        RollingWindow window = busiestWindow(service);
        // A later window is the one exceeded when a back-dated contact would overfill it (issue 18, item 5).
        String which = window.last().equals(service.dateOfService()) ? ""
                : " (the 12 months ending " + window.last() + ", which include this contact's date of service, "
                        + service.dateOfService() + ")";
        String allowance = "This contact needs " + UnitRounding.describe(service.units()) + " but only "
                + UnitRounding.describe(remaining) + " of the 1,460-unit allowance for " + window.first() + " to "
                + window.last() + which + " remain";
        String priorAuthorization = service
                .authorizationsCovering(kind -> kind == AuthorizationKind.PRIOR_AUTHORIZATION).stream()
                .max(Comparator.comparingInt(Authorization::unitsRemaining))
                .map(fullest -> ", and prior authorization " + fullest.id() + " has only "
                        + UnitRounding.describe(fullest.unitsRemaining()) + " left")
                .orElse(", and no prior authorization covers " + service.dateOfService());
        return allowance + priorAuthorization + ". Request a prior authorization for more units.";
    }

    private static LocalDate sixteenthBirthday(DeliveredService service) {
        return service.enrollee().dateOfBirth().plusYears(MINIMUM_AGE);
    }

    private static Set<Activity> peerActivities(Set<Activity> activities) {
        Set<Activity> peer = EnumSet.allOf(Activity.class);
        peer.retainAll(activities);
        peer.removeAll(OTHER_SERVICE_ACTIVITIES);
        peer.removeAll(NON_THERAPEUTIC_ACTIVITIES);
        return peer;
    }

    private static boolean containsAny(Set<Activity> activities, Set<Activity> wanted) {
        return activities.stream().anyMatch(wanted::contains);
    }
}

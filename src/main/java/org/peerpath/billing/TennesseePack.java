package org.peerpath.billing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.Contact;
import org.peerpath.billing.BillingCase.PlaceOfService;

/**
 * Tennessee: TennCare policy on peer recovery services, revision 3 of 2016 (seeds/000), and its 2011 original
 * BEN 11-002 (seeds/001). H0038; the policy is silent on rounding, so midpoint until an agency configures
 * otherwise, and on funding and unit caps, so the pack chooses neither.
 */
final class TennesseePack {

    static final String NOT_IN_PLAN_OF_CARE = "TN.NOT_IN_PLAN_OF_CARE";
    static final String PLAN_OF_CARE_EXCEEDED = "TN.PLAN_OF_CARE_EXCEEDED";
    static final String PROVIDER_NOT_ENROLLED = "TN.PROVIDER_NOT_ENROLLED";
    static final String PRIVACY_NOT_ASSURED = "TN.PRIVACY_NOT_ASSURED";
    static final String NOT_FOR_CHILD_BENEFIT = "TN.NOT_FOR_CHILD_BENEFIT";

    static final String CODE = "H0038";

    private static final String POLICY = "TennCare policy, Policy (seeds/000; BEN 11-002, seeds/001)";

    // TennCare policy: "TennCare reimbursed peer recovery services must be authorized as part of an enrollee's
    // plan of care" - a plan of care covering the date of service.
    static final BillingRule PLAN_OF_CARE = BillingRule.blocking(
            NOT_IN_PLAN_OF_CARE,
            POLICY,
            service -> service.onDateOfService(date ->
                    service.authorizationsCovering(kind -> kind == AuthorizationKind.PLAN_OF_CARE).isEmpty()),
            service -> "Peer recovery services are not authorized in the enrollee's plan of care on "
                    + service.dateOfService() + ". Add them to the plan of care before billing.");

    // TennCare policy: services "must be authorized as part of an enrollee's plan of care"; CMS FAQ A1
    // (seeds/004): reimbursement per unit of service "based on an approved plan of care", with mechanisms to
    // prevent over-billing. A plan of care that states units authorizes that many: the units of signed contacts
    // count against it and a contact that would go over is not billable (it is not split). A plan of care
    // stating no units authorizes coverage only.
    static final BillingRule PLAN_OF_CARE_UNITS = BillingRule.blocking(
            PLAN_OF_CARE_EXCEEDED,
            POLICY + "; CMS FAQ A1 (seeds/004)",
            service -> !plansOfCare(service).isEmpty() && chargedPlanOfCare(service).isEmpty(),
            TennesseePack::planOfCareExceededMessage);

    // TennCare policy: specialists "must be employed by a TennCare provider"; independent specialists and
    // Peer Support Centers are not TennCare providers.
    static final BillingRule PROVIDER_ENROLLED = BillingRule.blocking(
            PROVIDER_NOT_ENROLLED,
            POLICY,
            service -> !service.organization().tennCareProvider(),
            "Your organization is not an enrolled TennCare provider, so TennCare does not pay for its peer"
                    + " recovery services.");

    // TennCare policy: at a Peer Support Center "or any other place where other people may be present" the
    // location must have an area where private counseling can occur. The app asks at a peer support center
    // (unanswered there counts as no); a "no" recorded anywhere else also fails.
    static final BillingRule PRIVACY = BillingRule.blocking(
            PRIVACY_NOT_ASSURED,
            POLICY,
            service -> privacyNotAssured(service.contact()),
            "At a peer support center or any place where others may be present, the service must be given in a"
                    + " private area. Record that a private area was used.");

    // TennCare policy; CMS FAQ A5 (seeds/004): services to parents or legal guardians of eligible children are
    // covered "when the service is directed exclusively toward the benefit of the child".
    static final BillingRule CHILD_BENEFIT = BillingRule.blocking(
            NOT_FOR_CHILD_BENEFIT,
            "TennCare policy, Policy (seeds/000); CMS FAQ A5 (seeds/004)",
            service -> service.enrollee().parentOrGuardianOfChildEnrollee()
                    && !Boolean.TRUE.equals(service.contact().directedToChildBenefit()),
            "A service to a parent or guardian is billable only when it is directed to the child's benefit;"
                    + " record that it was.");

    // TennCare policy, Policy (seeds/000): providers "must meet minimum qualifications and complete specialized
    // training as Certified Peer Recovery Specialists (CPRS), as required by the Tennessee Department of Mental
    // Health and Substance Abuse Services": a CPRS certificate issued by Tennessee.
    static final CredentialRequirement CREDENTIAL = new CredentialRequirement(
            "a Tennessee Certified Peer Recovery Specialist (CPRS) certificate",
            java.util.Set.of(BillingCase.CredentialType.CPRS), "TN", "TennCare policy, Policy (seeds/000)");

    static final RulePack PACK = new RulePack(
            "TN",
            UnitRounding.MIDPOINT,
            service -> new ClaimLine(CODE, List.of(), null,
                    chargedPlanOfCare(service).map(Authorization::id).orElse(null)),
            role -> CREDENTIAL,
            List.of(PLAN_OF_CARE, PLAN_OF_CARE_UNITS, PROVIDER_ENROLLED, PRIVACY, CHILD_BENEFIT));

    private TennesseePack() {
    }

    private static List<Authorization> plansOfCare(DeliveredService service) {
        return service.authorizationsCovering(kind -> kind == AuthorizationKind.PLAN_OF_CARE);
    }

    /** The covering plan of care the contact's units are charged to (a plan without units takes any number). */
    private static Optional<Authorization> chargedPlanOfCare(DeliveredService service) {
        return service.chargeableAuthorization(kind -> kind == AuthorizationKind.PLAN_OF_CARE);
    }

    private static String planOfCareExceededMessage(DeliveredService service) {
        Authorization fullest = plansOfCare(service).stream()
                .max(Comparator.comparingInt(Authorization::unitsRemaining))
                .orElseThrow();
        return "This contact needs " + UnitRounding.describe(service.units()) + " but the plan of care "
                + fullest.id() + " has only " + UnitRounding.describe(fullest.unitsRemaining())
                + " left. Have the plan of care updated before billing it.";
    }

    private static boolean privacyNotAssured(Contact contact) {
        return Boolean.FALSE.equals(contact.privateAreaUsed())
                || contact.placeOfService() == PlaceOfService.PEER_SUPPORT_CENTER
                        && !Boolean.TRUE.equals(contact.privateAreaUsed());
    }
}

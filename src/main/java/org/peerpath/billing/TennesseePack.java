package org.peerpath.billing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    // TennCare policy, Policy (seeds/000): "If the peer recovery service is being provided to an individual at a
    // Peer Support Center or any other place where other people may be present, services must be provided in
    // accordance with HIPAA privacy and confidentiality guidelines (e.g., the service location must have an area
    // where private counseling services may occur)"; BEN 11-002 (seeds/001): "there must be an expectation of
    // privacy and confidentiality". Others may be present anywhere but the enrollee's home and the provider's
    // office (PRIVATE_PLACES), so everywhere else the coach answers whether a private area was used, and an
    // unanswered question counts as no; a "no" recorded even at home or the office is not private either. The
    // preview lists the finding, so the app asks before signing.
    static final BillingRule PRIVACY = BillingRule.blocking(
            PRIVACY_NOT_ASSURED,
            POLICY,
            service -> privacyNotAssured(service.contact()),
            TennesseePack::privacyMessage);

    /** Where no one else is expected: the enrollee's home and the provider's office (issue 11, item 3). */
    static final Set<PlaceOfService> PRIVATE_PLACES = Set.of(PlaceOfService.HOME, PlaceOfService.OFFICE);

    // TennCare policy, Policy (seeds/000): "Peer Support Services are also available to parents/legal guardians of
    // TennCare eligible children when the service is directed exclusively toward the benefit of the child"; CMS
    // FAQ A5 (seeds/004). The rule is common to every pack (CommonRules.childBenefit); Tennessee reports it under
    // its own code.
    static final ChildBenefit CHILD_BENEFIT = new ChildBenefit(NOT_FOR_CHILD_BENEFIT,
            "TennCare policy, Policy (seeds/000); CMS FAQ A5 (seeds/004)");

    // TennCare policy, Policy (seeds/000): providers "must meet minimum qualifications and complete specialized
    // training as Certified Peer Recovery Specialists (CPRS), as required by the Tennessee Department of Mental
    // Health and Substance Abuse Services": a CPRS certificate issued by Tennessee.
    static final CredentialRequirement CREDENTIAL = new CredentialRequirement(
            "a Tennessee Certified Peer Recovery Specialist (CPRS) certificate",
            Set.of(BillingCase.CredentialType.CPRS), "TN", "TennCare policy, Policy (seeds/000)");

    static final RulePack PACK = new RulePack(
            "TN",
            UnitRounding.MIDPOINT,
            service -> new ClaimLine(CODE, List.of(), null,
                    chargedPlanOfCare(service).map(Authorization::id).orElse(null)),
            role -> CREDENTIAL,
            CHILD_BENEFIT,
            List.of(PLAN_OF_CARE, PLAN_OF_CARE_UNITS, PROVIDER_ENROLLED, PRIVACY));

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

    /**
     * A place where others may be present without a private area recorded, or a "no" recorded anywhere (the coach
     * says others could hear, even at home or the office). No place yet: DOCUMENTATION_INCOMPLETE covers it.
     */
    private static boolean privacyNotAssured(Contact contact) {
        return Boolean.FALSE.equals(contact.privateAreaUsed())
                || contact.placeOfService() != null && !PRIVATE_PLACES.contains(contact.placeOfService())
                        && contact.privateAreaUsed() == null;
    }

    private static String privacyMessage(DeliveredService service) {
        PlaceOfService where = service.contact().placeOfService();
        String place = where == null ? "here" : switch (where) {
            case COMMUNITY -> "in the community";
            case JAIL -> "at a jail";
            case HOSPITAL -> "at a hospital";
            case PEER_SUPPORT_CENTER -> "at a peer support center";
            case HOME -> "at the enrollee's home";
            case OFFICE -> "at the office";
            case OTHER -> "at a place other than the enrollee's home or your office";
        };
        return service.contact().privateAreaUsed() == null
                ? "Others may be present " + place + ", so TennCare pays only for a service given in a private"
                        + " area. Record whether a private area was used."
                : "No private area was used " + place + ", where others may be present; TennCare pays only for a"
                        + " service given in private.";
    }
}

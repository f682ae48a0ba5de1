package org.peerpath.billing;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.peerpath.billing.BillingCase.Contact;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.Enrollee;
import org.peerpath.billing.BillingCase.OtherService;
import org.peerpath.billing.BillingCase.Setting;

/**
 * The rules every pack applies (docs/billing-rules.md, "Rules every pack applies", "Units", "Consent").
 * Every {@link RulePack} evaluates these before its own.
 */
final class CommonRules {

    static final String SIGNATURE_REQUIRED = "SIGNATURE_REQUIRED";
    static final String DOCUMENTATION_INCOMPLETE = "DOCUMENTATION_INCOMPLETE";
    static final String UNITS_ZERO = "UNITS_ZERO";
    static final String OVERLAPPING_SERVICE = "OVERLAPPING_SERVICE";
    static final String PROVIDER_NOT_QUALIFIED = "PROVIDER_NOT_QUALIFIED";
    static final String ENROLLEE_NOT_ACTIVE = "ENROLLEE_NOT_ACTIVE";
    static final String SUPERVISION_NOT_DOCUMENTED = "SUPERVISION_NOT_DOCUMENTED";
    static final String CONSENT_MISSING = "CONSENT_MISSING";
    static final String CHILD_NOT_ELIGIBLE = "CHILD_NOT_ELIGIBLE";
    static final String NOT_FOR_CHILD_BENEFIT = "NOT_FOR_CHILD_BENEFIT";
    static final String LATE_ENTRY = "LATE_ENTRY";

    // Michigan guidance XI.B.4 (seeds/003): every billed activity note carries the coach's signature.
    // An unsigned contact is a draft and drafts are never billable; the other rules still run so the
    // preview lists everything at once.
    static final BillingRule SIGNATURE = BillingRule.blocking(
            SIGNATURE_REQUIRED,
            "Michigan guidance XI.B.4 (seeds/003)",
            service -> !service.contact().signed(),
            "This contact is a draft: sign it to bill it.");

    // Michigan guidance XI.B.1-3 (seeds/003): date of service, beginning and end time, nature and extent of
    // the service and place of service must be in the activity note. The date comes from the start time.
    static final BillingRule DOCUMENTATION = BillingRule.blocking(
            DOCUMENTATION_INCOMPLETE,
            "Michigan guidance XI.B.1-3 (seeds/003)",
            service -> !missingDocumentation(service.contact()).isEmpty(),
            service -> "Add " + sentenceList(missingDocumentation(service.contact())) + " before signing.");

    // docs/billing-rules.md, Units: one unit is 15 minutes and a contact worth 0 units is not billable; the
    // per-15-minute codes are Michigan guidance XII (seeds/003) and the Indiana guide, Coding Requirements
    // (seeds/002). Only judged once both times are known.
    static final BillingRule ZERO_UNITS = BillingRule.blocking(
            UNITS_ZERO,
            "docs/billing-rules.md, Units; Michigan guidance XII (seeds/003); Indiana guide, Coding Requirements"
                    + " (seeds/002)",
            service -> service.timed() && service.units() == 0,
            service -> "At " + service.minutes() + " minutes this contact is worth 0 units ("
                    + service.rounding().explainZeroUnits() + "), so there is nothing to bill.");

    // CMS FAQ A1 (seeds/004): reimbursement is "based on an identified unit of service and provided by one peer
    // support provider", with "mechanisms in place to prevent over-billing". So one client receives one billable
    // service at a time, whoever delivers it, and a coach delivers no individual service during another service
    // of their own (individual or group). A group session is one service of its facilitator, not one per
    // attendee, and a coach facilitates one group session at a time (issue 12, item 3). The contacts feature
    // decides this atomically on the ledgers, so of two overlapping signings the later one is the one that loses.
    static final BillingRule OVERLAP = BillingRule.blocking(
            OVERLAPPING_SERVICE,
            "CMS FAQ A1 (seeds/004)",
            service -> conflictingService(service).isPresent(),
            CommonRules::overlapMessage);

    // TennCare policy, Policy (seeds/000); Indiana guide, Provider Qualifications (seeds/002); Michigan guidance
    // VIII and X (seeds/003); CMS FAQ A3 (seeds/004): the provider must hold the credential the pack names
    // (CredentialRequirement, per pack and role), active on the date of service (validity bounds inclusive).
    // First aid, CPR and other records never qualify.
    static final BillingRule PROVIDER_QUALIFIED = BillingRule.blocking(
            PROVIDER_NOT_QUALIFIED,
            "TennCare policy (seeds/000); Indiana guide, Provider Qualifications (seeds/002); Michigan guidance"
                    + " VIII, X (seeds/003); CMS FAQ A3 (seeds/004)",
            service -> service.onDateOfService(date -> !service.coach().qualifiedOn(date, credential(service))),
            service -> "Billing needs " + credential(service).credential() + ", active on "
                    + service.dateOfService() + " (" + credential(service).source() + "); you have none on file"
                    + " for that day. Ask your supervisor to update your certification.");

    // CMS FAQ A4 (seeds/004): supervision as each state defines it; TennCare policy, Policy (seeds/000): general
    // supervision by the employing provider; Indiana guide, Provider Qualifications (seeds/002): under the
    // supervision of a licensed professional or QBHP; Michigan guidance IX (seeds/003): supervised by MCBAP
    // certified staff. Every pack needs a supervisor on record on the date of service.
    static final BillingRule SUPERVISION = BillingRule.blocking(
            SUPERVISION_NOT_DOCUMENTED,
            "CMS FAQ A4 (seeds/004); TennCare policy (seeds/000); Indiana guide, Provider Qualifications"
                    + " (seeds/002); Michigan guidance IX (seeds/003)",
            service -> service.coach().supervisor() == null,
            service -> "No supervisor is on record for you on " + service.dateOfService() + ", so this service"
                    + " cannot be billed. Ask an administrator to record your supervisor from that day.");

    // docs/billing-rules.md, rules every pack applies: the enrollee must be enrolled, and not yet discharged,
    // on the date of service. The day of discharge itself still counts as enrolled.
    static final BillingRule ENROLLEE_ACTIVE = BillingRule.blocking(
            ENROLLEE_NOT_ACTIVE,
            "docs/billing-rules.md, Rules every pack applies",
            service -> service.onDateOfService(date -> !service.enrollee().activeOn(date)),
            CommonRules::enrolleeNotActiveMessage);

    // 42 CFR Part 2 (§2.31: the consent names the recipient); Michigan guidance V and XI.F (seeds/003): family
    // members and emergency contacts are contacted only with the enrollee's written consent. Consent follows the
    // person, not the contact type: anyone contacted who is not the enrollee needs it, since telling them
    // anything about the enrollee discloses participation in the program. The contact is kept, is not
    // billable, and goes to the supervisor for review.
    static final BillingRule CONSENT = BillingRule.blocking(
            CONSENT_MISSING,
            "42 CFR Part 2, §2.31; Michigan guidance V (seeds/003)",
            service -> Boolean.FALSE.equals(service.billingCase().personConsentActive())
                    || service.contact().type() == ContactType.COLLATERAL_FAMILY
                            && service.billingCase().personConsentActive() == null,
            "There is no active written consent from the enrollee naming the person you contacted. The contact"
                    + " is saved but not billable, and your supervisor will review it.");

    // CMS FAQ A5 (seeds/004): "the parents/legal guardians of Medicaid-eligible children can receive [p]eer
    // [s]upport services when the service is directed exclusively toward the benefit of a Medicaid-eligible
    // child"; TennCare policy, Policy (seeds/000): "parents/legal guardians of TennCare eligible children". So a
    // service to a parent or guardian is billable only while the child their record names is a Medicaid-eligible
    // minor on the date of service: not from the day the child turns 18 (issue 11, item 4: "a Medicaid-eligible
    // minor"), not when the child has no Medicaid, not when no child is named. The message names no fact of the
    // child's record beyond what billing needs.
    static final BillingRule CHILD_ELIGIBLE = BillingRule.blocking(
            CHILD_NOT_ELIGIBLE,
            "CMS FAQ A5 (seeds/004); TennCare policy, Policy (seeds/000)",
            service -> service.enrollee().parentOrGuardianOf() != null
                    && service.onDateOfService(date -> !service.enrollee().parentOrGuardianOf().eligibleOn(date)),
            CommonRules::childNotEligibleMessage);

    // Late entries, an agency setting (issue 11, item 7): CMS FAQ A1 (seeds/004) asks for "mechanisms in place to
    // prevent over-billing", and a service documented long after it happened is the one nobody can check any
    // more. Past the organization's late-entry limit (lateEntryDays, default 30) the contact may still be true
    // and billable, so it is a warning, not a block, shown wherever the evaluation is; the contacts feature asks
    // for a reason, marks the record late, and refuses entries past the hard limit (LateEntryPolicy).
    static final BillingRule LATE = BillingRule.warning(
            LATE_ENTRY,
            "CMS FAQ A1 (seeds/004): safeguards against over-billing; the organization's late-entry limit",
            service -> service.billingCase().lateEntry() != null,
            CommonRules::lateEntryMessage);

    static final List<BillingRule> RULES = List.of(
            SIGNATURE, DOCUMENTATION, ZERO_UNITS, OVERLAP, PROVIDER_QUALIFIED, SUPERVISION, ENROLLEE_ACTIVE, CONSENT,
            CHILD_ELIGIBLE, LATE);

    /**
     * CMS FAQ A5 (seeds/004), every pack: a service to a parent or legal guardian of a child enrollee is covered
     * only "when the service is directed exclusively toward the benefit of a Medicaid-eligible child"; the coach
     * records that it was ({@code directedToChildBenefit}), unanswered counts as no. Each pack reports it under
     * its own code where it has one ({@link ChildBenefit}, data of the pack), else {@code NOT_FOR_CHILD_BENEFIT}.
     */
    static BillingRule childBenefit(ChildBenefit naming) {
        return BillingRule.blocking(
                naming.code(),
                naming.source(),
                service -> service.enrollee().parentOrGuardianOf() != null
                        && !Boolean.TRUE.equals(service.contact().directedToChildBenefit()),
                "A service to a parent or guardian is billable only when it is directed to the child's benefit;"
                        + " record that it was.");
    }

    private CommonRules() {
    }

    private static CredentialRequirement credential(DeliveredService service) {
        return RulePacks.forId(service.organization().rulePackId()).credentialFor(service.coach().role());
    }

    private static List<String> missingDocumentation(Contact contact) {
        List<String> missing = new ArrayList<>();
        if (contact.start() == null) {
            missing.add("the date and start time");
        }
        if (contact.end() == null) {
            missing.add("the end time");
        } else if (contact.start() != null && contact.end().isBefore(contact.start())) {
            missing.add("an end time after the start time");
        }
        if (contact.narrative() == null || contact.narrative().isBlank()) {
            missing.add("the narrative (nature and extent of the service)");
        }
        if (contact.placeOfService() == null) {
            missing.add("the place of service");
        }
        return missing;
    }

    /** The earliest other service this contact may not overlap, if any (see {@link #OVERLAP}). */
    static Optional<OtherService> conflictingService(DeliveredService service) {
        Contact contact = service.contact();
        if (!service.timed()) {
            return Optional.empty();
        }
        return service.billingCase().otherServices().stream()
                .filter(other -> BillingCase.overlaps(contact.start(), contact.end(), other.start(), other.end()))
                .filter(other -> (other.sameEnrollee() && other.billable())
                        || (other.sameCoach() && (contact.setting() == Setting.INDIVIDUAL
                                || other.setting() == Setting.INDIVIDUAL || other.anotherGroup())))
                .min(Comparator.comparing(OtherService::start).thenComparing(OtherService::contactId));
    }

    private static String overlapMessage(DeliveredService service) {
        OtherService other = conflictingService(service).orElseThrow();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(service.organization().zone());
        String when = " (" + time.format(other.start()) + " to " + time.format(other.end()) + ")";
        if (other.sameEnrollee() && other.billable()) {
            return "Contact " + other.contactId() + when + (other.sameCoach() ? ", yours," : ", by another coach,")
                    + " already bills this client for overlapping time; a client receives one billable service at"
                    + " a time. Correct the times or void one of them.";
        }
        if (other.anotherGroup()) {
            return "This overlaps your group contact " + other.contactId() + when + " of another group session;"
                    + " you facilitate one group at a time. Correct the times or void one of them.";
        }
        return "This overlaps your " + other.setting().name().toLowerCase() + " contact " + other.contactId() + when
                + "; you cannot deliver an individual service during another service of yours. Correct the times"
                + " or void one of them.";
    }

    private static String lateEntryMessage(DeliveredService service) {
        BillingCase.LateEntry late = service.billingCase().lateEntry();
        return "Late entry: documented " + late.daysAfterService() + " days after the date of service, later than"
                + " the organization's limit of " + late.lateAfterDays() + " days. "
                + (late.reasonGiven() ? "The late-entry reason is on the record for review."
                        : "A late-entry reason is needed to log or sign it.");
    }

    private static String enrolleeNotActiveMessage(DeliveredService service) {
        Enrollee enrollee = service.enrollee();
        if (enrollee.enrolledOn() == null) {
            return "The enrollee has no enrollment on file, so services to them cannot be billed.";
        }
        if (service.dateOfService().isBefore(enrollee.enrolledOn())) {
            return "The enrollee was not enrolled on " + service.dateOfService() + ": the episode covering that"
                    + " day begins with enrolment on " + enrollee.enrolledOn() + ".";
        }
        return "The enrollee was not enrolled on " + service.dateOfService() + ": the episode enrolled on "
                + enrollee.enrolledOn() + " ended with discharge on " + enrollee.dischargedOn()
                + ". Services between episodes cannot be billed.";
    }

    private static String childNotEligibleMessage(DeliveredService service) {
        BillingCase.ChildEnrollee child = service.enrollee().parentOrGuardianOf();
        String why;
        if (!child.named()) {
            why = "this parent's or guardian's record names no child enrollee. Ask an administrator to name the"
                    + " child on it";
        }
        else if (!service.dateOfService().isBefore(child.adultFrom())) {
            why = "the child named on this record is 18 or older on " + service.dateOfService()
                    + ", so services to the parent are no longer covered for that child";
        }
        else {
            why = "the child named on this record has no Medicaid on file";
        }
        return "Services to a parent or guardian are billable only for a Medicaid-eligible child under 18: " + why
                + ".";
    }

    /** "a", "a and b", "a, b and c". */
    static String sentenceList(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}

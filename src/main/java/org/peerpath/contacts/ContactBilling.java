package org.peerpath.contacts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import org.peerpath.billing.BillingCase;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.BillingEngine;
import org.peerpath.billing.BillingEvaluation;
import org.peerpath.billing.RollingWindow;
import org.peerpath.consent.ConsentRegistry;
import org.peerpath.consent.ContactPermission;
import org.peerpath.people.Authorization;
import org.peerpath.people.AuthorizationKind;
import org.peerpath.people.Eligibility;
import org.peerpath.people.Enrollee;
import org.peerpath.people.EnrollmentEpisode;
import org.peerpath.people.FundingSource;
import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.RulePack;
import org.peerpath.people.StaffMember;
import org.peerpath.security.Viewer;

/**
 * Gathers the facts of a contact from the records (enrollee, coach, supervisor, authorizations, the unit
 * ledger, overlapping contacts, consent) into a {@link BillingCase} and runs the pure billing engine on it.
 */
@Component
class ContactBilling {

    /** Indiana: units available without prior authorization per rolling 12 months (Indiana guide, seeds/002). */
    static final int INDIANA_ANNUAL_UNITS = 1_460;

    private final PeopleDirectory directory;
    private final ConsentRegistry consents;
    private final Clock clock;

    ContactBilling(PeopleDirectory directory, ConsentRegistry consents, Clock clock) {
        this.directory = directory;
        this.consents = consents;
        this.clock = clock;
    }

    /**
     * Evaluates the contact against the enrollee's ledger and, when judged as signed, against the coach's other
     * signed services {@code coachServices} (the coach's ledger without this contact), under the organization's
     * billing settings on the date of service.
     */
    Evaluated evaluate(Viewer viewer, Contact contact, Enrollee enrollee, Organization organization, UnitLedger ledger,
            List<CoachLedger.Entry> coachServices, boolean signed) {
        return evaluate(viewer, contact, enrollee, organization, ledger, coachServices, signed, null);
    }

    /**
     * As {@link #evaluate(Viewer, Contact, Enrollee, Organization, UnitLedger, List, boolean)}, under
     * {@code pinned} when given: a signed contact is judged again (an addendum) under the rule pack and rounding it
     * was signed with, whatever the organization chose since (issue 10, item 3).
     */
    Evaluated evaluate(Viewer viewer, Contact contact, Enrollee enrollee, Organization organization, UnitLedger ledger,
            List<CoachLedger.Entry> coachServices, boolean signed, BillingBasis pinned) {
        LocalDate dateOfService = contact.dateOfService();
        // The settings in force on the date of service (a draft without a time yet: today's), in the zone.
        BillingBasis basis = pinned != null ? pinned : basisOn(organization,
                dateOfService != null ? dateOfService : LocalDate.ofInstant(clock.instant(), organization.zone()));
        ContactPermission permission = null;
        if (contact.personContacted() != null && dateOfService != null) {
            // Consent follows the person, whatever the contact type (42 CFR Part 2 §2.31; Michigan guidance V),
            // and must cover what was disclosed (§2.31(a)(3)): a consent excluding substance use information
            // does not allow disclosing it.
            permission = consents.mayContact(viewer, enrollee, contact.personContacted().emergencyContactId(),
                    contact.personContacted().name(), dateOfService);
            if (permission.allowed() && contact.personContacted().includesSubstanceUseInformation()
                    && !permission.consent().includesSubstanceUseInformation()) {
                permission = new ContactPermission(false, permission.consent(),
                        ContactPermission.Reason.CONSENT_EXCLUDES_INFORMATION);
            }
        }
        StaffMember coach = directory.staffByIds(List.of(contact.coachId())).get(0);
        // The supervisor on the date of service (assignments have effective dates); a draft without a time yet
        // is judged against the supervisor of record.
        String supervisorId = dateOfService == null ? coach.supervisorId() : coach.supervisorIdOn(dateOfService);
        StaffMember supervisor = supervisorId == null ? null
                : directory.staffByIds(List.of(supervisorId)).stream().findFirst().orElse(null);
        // Units added on a date count in every rolling window containing it: judged against the busiest, inside
        // the ledger's compare-and-set like every limit (Indiana guide, seeds/002; issue 18, item 5).
        RollingWindow.Busiest busiest = dateOfService == null ? new RollingWindow.Busiest(null, 0)
                : RollingWindow.busiestContaining(dateOfService, ledger.unitsByDayWithoutAuthorization(contact.id()));
        // The episode covering the date of service decides ENROLLEE_NOT_ACTIVE; a draft without a time yet is
        // judged against the current episode.
        EnrollmentEpisode episode = dateOfService == null ? enrollee.currentEpisode()
                : enrollee.episodeAt(dateOfService);
        BillingCase billingCase = new BillingCase(
                new BillingCase.Organization(basis.rulePack(), organization.zone(),
                        organization.tennCareProvider(), basis.unitRounding()),
                new BillingCase.Contact(contact.type(), contact.clientPresent(), contact.setting(),
                        contact.groupFormat(), contact.start(), contact.end(), contact.placeOfService(),
                        contact.privateAreaUsed(), contact.activities(), contact.supportTypes(), contact.narrative(),
                        signed, contact.directedToChildBenefit()),
                new BillingCase.Enrollee(enrollee.dateOfBirth(), episodeEnrolledOn(episode), episode.dischargedOn(),
                        enrollee.fundingSources().stream().map(f -> BillingCase.FundingSource.valueOf(f.name()))
                                .toList(),
                        enrollee.inStandAloneServices(), enrollee.acuteTreatmentEndedOn(),
                        eligibilityCriteria(enrollee.eligibility()),
                        enrollee.eligibility() != null && enrollee.eligibility().agreedToParticipate(),
                        parentOrGuardianOf(viewer, enrollee)),
                new BillingCase.Coach(BillingCase.CoachRole.valueOf(coach.role().name()),
                        credentials(coach),
                        supervisor == null ? null : new BillingCase.Supervisor(
                                supervisor.supervisorQualification() == null ? null
                                        : BillingCase.SupervisorQualification.valueOf(
                                                supervisor.supervisorQualification().name()),
                                credentials(supervisor))),
                directory.authorizationsOf(enrollee.id()).stream()
                        .map(a -> new BillingCase.Authorization(a.id(),
                                BillingCase.AuthorizationKind.valueOf(a.kind().name()), a.validFrom(), a.validTo(),
                                a.unitsAuthorized(), ledger.usedOn(a.id(), contact.id())))
                        .toList(),
                busiest.units(),
                signed ? otherServices(contact, ledger, coachServices) : List.of(),
                permission == null ? null : permission.allowed(),
                contact.lateEntry() == null ? null : new BillingCase.LateEntry(contact.lateEntry().daysAfterService(),
                        contact.lateEntry().lateEntryDays(), contact.lateEntry().reason() != null),
                busiest.window());
        BillingEvaluation evaluation = BillingEngine.evaluate(billingCase);
        return new Evaluated(BillingOutcome.of(evaluation, basis), evaluation.needsSupervisorReview(), permission);
    }

    /** The rule pack and rounding the organization's settings give for a day. */
    static BillingBasis basisOn(Organization organization, LocalDate day) {
        return BillingBasis.of(organization.billingSettingsOn(day));
    }

    /**
     * The signed services overlapping this contact that share its enrollee (the enrollee's ledger: billable ones)
     * or its coach (the coach's ledger: all signed ones); the billing rule decides which conflict (CMS FAQ A1).
     */
    private static List<BillingCase.OtherService> otherServices(Contact contact, UnitLedger ledger,
            List<CoachLedger.Entry> coachServices) {
        if (contact.start() == null || contact.end() == null) {
            return List.of();
        }
        Map<String, BillingCase.OtherService> others = new LinkedHashMap<>();
        for (UnitLedger.Entry e : ledger.entries()) {
            if (e.start() != null && e.setting() != null && !e.contactId().equals(contact.id())
                    && BillingCase.overlaps(contact.start(), contact.end(), e.start(), e.end())) {
                others.put(e.contactId(), new BillingCase.OtherService(e.contactId(), true,
                        contact.coachId().equals(e.coachId()), true, e.setting(), e.start(), e.end()));
            }
        }
        for (CoachLedger.Entry e : coachServices) {
            if (!e.contactId().equals(contact.id()) && !others.containsKey(e.contactId())
                    && BillingCase.overlaps(contact.start(), contact.end(), e.start(), e.end())) {
                // The attendees of one group session are one service of their coach; another session is another
                // (issue 12, item 3). Group contacts logged one by one, without a session, count as one group.
                boolean anotherGroup = contact.setting() == Setting.GROUP && e.setting() == Setting.GROUP
                        && !Objects.equals(contact.groupSessionId(), e.groupSessionId());
                others.put(e.contactId(), new BillingCase.OtherService(e.contactId(),
                        contact.enrolleeId().equals(e.enrolleeId()), true, false, e.setting(), e.start(), e.end(),
                        anotherGroup));
            }
        }
        return List.copyOf(others.values());
    }

    /**
     * For a parent or legal guardian of a child enrollee (CMS FAQ A5; TennCare policy): the facts of the child their
     * record names, which decide whether services to the parent are covered; a flag without a child (records
     * written before children were named) is a parent of no known child. Null for anyone else.
     */
    private BillingCase.ChildEnrollee parentOrGuardianOf(Viewer viewer, Enrollee enrollee) {
        if (!enrollee.parentOrGuardianOfChild() && enrollee.childEnrolleeId() == null) {
            return null;
        }
        Enrollee child = directory.childOf(viewer, enrollee, "parentServiceBilling");
        return child == null ? new BillingCase.ChildEnrollee(null, false)
                : new BillingCase.ChildEnrollee(child.dateOfBirth(),
                        child.fundingSources().contains(FundingSource.MEDICAID));
    }

    private static List<BillingCase.Certification> credentials(StaffMember staff) {
        return staff.certifications().stream().map(c -> new BillingCase.Certification(
                BillingCase.CredentialType.valueOf(c.kind().name()), c.issuingState(), c.validFrom(), c.validTo()))
                .toList();
    }

    /**
     * The episode's enrolment date for billing. An episode discharged on a date never recorded (records written
     * before episodes) counts as no enrolment: none of its days can be shown to be enrolled.
     */
    private static LocalDate episodeEnrolledOn(EnrollmentEpisode episode) {
        return episode.discharged() && episode.dischargedOn() == null ? null : episode.enrolledOn();
    }

    private static Set<BillingCase.EligibilityCriterion> eligibilityCriteria(Eligibility eligibility) {
        if (eligibility == null) {
            return Set.of();
        }
        Set<BillingCase.EligibilityCriterion> criteria = eligibility.criteria().stream().map(c -> switch (c) {
            case DOCUMENTED_DOMAIN_NEED -> BillingCase.EligibilityCriterion.FUNCTIONAL_NEED;
            case HISTORY_OF_RECOVERY_FAILURE -> BillingCase.EligibilityCriterion.HISTORY_OF_RECOVERY_FAILURE;
            case LONG_TERM_TREATMENT_DRUG -> BillingCase.EligibilityCriterion.LONG_TERM_DRUG_OF_CHOICE;
            case CHRONICITY_AND_SEVERITY -> BillingCase.EligibilityCriterion.CHRONIC_OR_SEVERE;
        }).collect(Collectors.toSet());
        if (eligibility.needsNotMetByOtherProgram()) {
            criteria.add(BillingCase.EligibilityCriterion.NEEDS_NOT_MET_ELSEWHERE);
        }
        return criteria;
    }

    /** Units used against each authorization, and in the rolling 12-month window ending today. */
    UnitUsage usage(Enrollee enrollee, Organization organization, UnitLedger ledger, LocalDate today) {
        List<Authorization> authorizations = directory.authorizationsOf(enrollee.id());
        List<UnitUsage.AuthorizationUsage> perAuthorization = authorizations.stream().map(a -> {
            int used = ledger.usedOn(a.id(), null);
            if (a.unitsAuthorized() == null) {
                return new UnitUsage.AuthorizationUsage(a, used, null, false); // coverage only: no limit
            }
            return new UnitUsage.AuthorizationUsage(a, used, Math.max(0, a.unitsAuthorized() - used),
                    UnitUsage.nearLimit(used, a.unitsAuthorized()));
        }).toList();
        RollingWindow window = RollingWindow.of(today);
        int used = ledger.usedBetween(window.first(), window.last(), null);
        Integer limit = null;
        if (organization.rulePackOn(today) == RulePack.IN) {
            limit = INDIANA_ANNUAL_UNITS + authorizations.stream()
                    .filter(a -> a.kind() == AuthorizationKind.PRIOR_AUTHORIZATION && a.covers(today))
                    .mapToInt(Authorization::unitsAuthorized).sum();
        }
        return new UnitUsage(enrollee.id(), perAuthorization, new UnitUsage.RollingWindowUsage(window.first(),
                window.last(), used, limit, limit == null ? null : Math.max(0, limit - used),
                limit != null && UnitUsage.nearLimit(used, limit)));
    }
}

package org.peerpath.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the billing engine needs to judge one contact, gathered by the contacts feature from its own
 * documents. It exists so the engine never loads anything: the same immutable value drives the preview
 * before saving and the evaluation at signing, and a test can state a whole case in a few lines.
 *
 * <p>Fields the coach may not have filled in yet (times, place, narrative) are nullable: a draft is still
 * evaluated so the preview can list every problem at once.
 *
 * @param organization the coach's organization: rule pack, time zone, TennCare enrolment
 * @param contact the contact being evaluated
 * @param enrollee facts about the enrollee the contact served
 * @param coach facts about the coach who delivered it (exactly one provider per contact, CMS FAQ A1)
 * @param authorizations authorizations covering the enrollee (plan of care, prior authorization, general);
 *     their {@code unitsUsed} must not include this contact's own units
 * @param unitsUsedInRollingWindow Indiana only: units of the enrollee's other signed, billable contacts not
 *     charged to an authorization (their evaluation's {@code authorizationId} is null) whose date of service is
 *     inside {@code busiestRollingWindow}
 * @param otherServices other signed services that share the enrollee or the coach with this contact and may
 *     overlap it in time (the contacts feature passes at least every one that overlaps; the rule decides,
 *     with {@link #overlaps(Instant, Instant, Instant, Instant)}, which of them conflict)
 * @param personConsentActive when the contact reached someone other than the enrollee (whatever its type):
 *     whether the enrollee's written consent naming that person is active on the date of service and covers
 *     what was disclosed; null when no one else was contacted (a null on a collateral-family contact counts as
 *     no consent)
 * @param lateEntry when the contact was documented later than its organization's late-entry limit, how late
 *     ({@link LateEntryPolicy}); null when on time
 * @param busiestRollingWindow Indiana only: of the rolling windows containing this contact's date of service,
 *     the one holding the most of those units ({@link RollingWindow#busiestContaining}); null for the window
 *     ending on the date of service
 */
public record BillingCase(
        Organization organization,
        Contact contact,
        Enrollee enrollee,
        Coach coach,
        List<Authorization> authorizations,
        int unitsUsedInRollingWindow,
        List<OtherService> otherServices,
        Boolean personConsentActive,
        LateEntry lateEntry,
        RollingWindow busiestRollingWindow) {

    public BillingCase {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(enrollee, "enrollee");
        Objects.requireNonNull(coach, "coach");
        authorizations = authorizations == null ? List.of() : List.copyOf(authorizations);
        otherServices = otherServices == null ? List.of() : List.copyOf(otherServices);
        if (unitsUsedInRollingWindow < 0) {
            throw new IllegalArgumentException("unitsUsedInRollingWindow must not be negative");
        }
    }

    /** A case whose busiest rolling window is the one ending on its date of service. */
    public BillingCase(Organization organization, Contact contact, Enrollee enrollee, Coach coach,
            List<Authorization> authorizations, int unitsUsedInRollingWindow, List<OtherService> otherServices,
            Boolean personConsentActive, LateEntry lateEntry) {
        this(organization, contact, enrollee, coach, authorizations, unitsUsedInRollingWindow, otherServices,
                personConsentActive, lateEntry, null);
    }

    /** A case documented on time. */
    public BillingCase(Organization organization, Contact contact, Enrollee enrollee, Coach coach,
            List<Authorization> authorizations, int unitsUsedInRollingWindow, List<OtherService> otherServices,
            Boolean personConsentActive) {
        this(organization, contact, enrollee, coach, authorizations, unitsUsedInRollingWindow, otherServices,
                personConsentActive, null);
    }

    /**
     * Whether two service intervals overlap. Touching intervals (one ends the instant the other starts) do not
     * overlap; a single minute in common does. The contacts feature uses it to pick the
     * {@link #otherServices()} it passes, so that it and the engine agree on what an overlap is.
     */
    public static boolean overlaps(Instant start, Instant end, Instant otherStart, Instant otherEnd) {
        return start.isBefore(otherEnd) && otherStart.isBefore(end);
    }

    /**
     * The organization the coach works for. An administrator chooses its rule pack.
     *
     * @param rulePackId id of the organization's rule pack, one of {@link RulePacks#ids()}
     * @param zone the organization's time zone; the date of service is the start's date in this zone
     * @param tennCareProvider whether the organization is an enrolled TennCare provider (TennCare policy)
     * @param unitRoundingOverride the organization's own minutes-to-units setting, or null for the pack's
     */
    public record Organization(
            String rulePackId,
            ZoneId zone,
            boolean tennCareProvider,
            UnitRounding unitRoundingOverride) {

        public Organization {
            RulePacks.forId(rulePackId);
            Objects.requireNonNull(zone, "zone");
        }

        /**
         * How minutes become units for this organization: its own setting, else its pack's (docs/billing-rules.md,
         * Units: each pack has a default "until an agency configures otherwise").
         */
        public UnitRounding unitRounding() {
            return unitRoundingOverride != null ? unitRoundingOverride : RulePacks.forId(rulePackId).unitRounding();
        }
    }

    /**
     * One contact as the coach logged it.
     *
     * @param type face to face, phone, or collateral
     * @param clientPresent the enrollee took part in person: always true for face to face, always false for
     *     phone, either for collateral contacts
     * @param setting individual or group
     * @param groupFormat the group's format; null for an individual contact
     * @param start start instant, null while not yet entered
     * @param end end instant, null while not yet entered
     * @param placeOfService where the service happened, null while not yet entered
     * @param privateAreaUsed whether a private area was used (asked at a peer support center); null when
     *     not recorded
     * @param activities what the contact did
     * @param supportTypes the types of support given (Michigan guidance VI)
     * @param narrative the nature and extent of the service, null or blank while not yet written
     * @param signed whether the coach signed the contact; unsigned contacts are drafts
     * @param directedToChildBenefit for a parent or guardian of a child enrollee: whether the service was
     *     directed to the child's benefit; null when not recorded
     */
    public record Contact(
            ContactType type,
            boolean clientPresent,
            Setting setting,
            GroupFormat groupFormat,
            Instant start,
            Instant end,
            PlaceOfService placeOfService,
            Boolean privateAreaUsed,
            Set<Activity> activities,
            Set<SupportType> supportTypes,
            String narrative,
            boolean signed,
            Boolean directedToChildBenefit) {

        public Contact {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(setting, "setting");
            if (type == ContactType.FACE_TO_FACE && !clientPresent) {
                throw new IllegalArgumentException("a face-to-face contact always has the client present");
            }
            if (type == ContactType.PHONE && clientPresent) {
                throw new IllegalArgumentException("a phone contact never has the client present in person");
            }
            if (setting == Setting.INDIVIDUAL && groupFormat != null) {
                throw new IllegalArgumentException("an individual contact has no group format");
            }
            activities = activities == null ? Set.of() : Set.copyOf(activities);
            supportTypes = supportTypes == null ? Set.of() : Set.copyOf(supportTypes);
        }
    }

    /**
     * Facts about the enrollee on file.
     *
     * @param dateOfBirth date of birth
     * @param enrolledOn first day of enrolment, null when never enrolled
     * @param dischargedOn day of discharge (still active that day), null while enrolled
     * @param fundingSources the enrollee's funding sources in the order they are to be used
     * @param standAlone whether the enrollee receives stand-alone services after acute treatment (Michigan XI.E)
     * @param acuteTreatmentEndedOn the day acute treatment ended, null when not known or not applicable
     * @param eligibilityCriteria the Michigan eligibility criteria documented for the enrollee (Michigan IV)
     * @param agreedToParticipate whether the enrollee's agreement to participate is documented (Michigan IV)
     * @param parentOrGuardianOf when the person served is the parent or legal guardian of a child enrollee
     *     (CMS FAQ A5; TennCare policy): facts about that child; null when they are not
     */
    public record Enrollee(
            LocalDate dateOfBirth,
            LocalDate enrolledOn,
            LocalDate dischargedOn,
            List<FundingSource> fundingSources,
            boolean standAlone,
            LocalDate acuteTreatmentEndedOn,
            Set<EligibilityCriterion> eligibilityCriteria,
            boolean agreedToParticipate,
            ChildEnrollee parentOrGuardianOf) {

        public Enrollee {
            Objects.requireNonNull(dateOfBirth, "dateOfBirth");
            fundingSources = fundingSources == null ? List.of() : List.copyOf(fundingSources);
            eligibilityCriteria = eligibilityCriteria == null ? Set.of() : Set.copyOf(eligibilityCriteria);
        }

        /** Enrolled on the given day: on or after enrolment, up to and including the day of discharge. */
        boolean activeOn(LocalDate date) {
            return enrolledOn != null
                    && !date.isBefore(enrolledOn)
                    && (dischargedOn == null || !date.isAfter(dischargedOn));
        }
    }

    /**
     * The child enrollee a parent or legal guardian is served for (CMS FAQ A5, seeds/004: services to "the
     * parents/legal guardians of Medicaid-eligible children"; TennCare policy, seeds/000: "parents/legal guardians
     * of TennCare eligible children"). The parent's own record names the child; these are the child's facts.
     *
     * @param dateOfBirth the child's date of birth; null when the parent's record names no child (a record
     *     written before the child was named)
     * @param medicaidEligible whether Medicaid is among the child's funding sources
     */
    public record ChildEnrollee(LocalDate dateOfBirth, boolean medicaidEligible) {

        /** Age of majority in every pack's state (Michigan, Indiana, Tennessee): from 18 one is no longer a child. */
        static final int AGE_OF_MAJORITY = 18;

        /** Whether the record names a child at all. */
        boolean named() {
            return dateOfBirth != null;
        }

        /** The day the child turns 18 and is no longer a child (a child born on 29 February: 1 March). */
        LocalDate adultFrom() {
            return dateOfBirth.plusYears(AGE_OF_MAJORITY).plusDays(
                    dateOfBirth.getMonthValue() == 2 && dateOfBirth.getDayOfMonth() == 29
                            && !dateOfBirth.plusYears(AGE_OF_MAJORITY).isLeapYear() ? 1 : 0);
        }

        /** A Medicaid-eligible minor on {@code date}: named, on Medicaid, and not yet 18 that day. */
        boolean eligibleOn(LocalDate date) {
            return named() && medicaidEligible && date.isBefore(adultFrom());
        }
    }

    /**
     * Facts about the coach who delivered the contact.
     *
     * @param role the coach's role
     * @param certifications the coach's credentials with their validity, qualifying or not (first aid, CPR...)
     * @param supervisor the coach's supervisor on the date of service, null when none is on record for that day
     */
    public record Coach(
            CoachRole role,
            List<Certification> certifications,
            Supervisor supervisor) {

        public Coach {
            Objects.requireNonNull(role, "role");
            certifications = certifications == null ? List.of() : List.copyOf(certifications);
        }

        /** The qualification of the supervisor on the date of service, null when unknown or none. */
        SupervisorQualification supervisorQualification() {
            return supervisor == null ? null : supervisor.qualification();
        }

        /** Holds, on {@code date}, a credential the requirement accepts. */
        boolean qualifiedOn(LocalDate date, CredentialRequirement requirement) {
            return certifications.stream().anyMatch(c -> c.validOn(date) && requirement.accepts(c));
        }
    }

    /**
     * The coach's supervisor on the date of service (supervisor assignments have effective dates, so a change of
     * supervisor does not rewrite the past).
     *
     * @param qualification what qualifies the supervisor, null when unknown
     * @param certifications the supervisor's own credentials (Michigan asks for MCBAP certification)
     */
    public record Supervisor(SupervisorQualification qualification, List<Certification> certifications) {

        public Supervisor {
            certifications = certifications == null ? List.of() : List.copyOf(certifications);
        }

        boolean holdsOn(LocalDate date, CredentialType type) {
            return certifications.stream().anyMatch(c -> c.type() == type && c.validOn(date));
        }
    }

    /**
     * A credential, valid from and to the given days inclusive.
     *
     * @param type what it is; only some types qualify a provider in a pack ({@link CredentialRequirement})
     * @param issuingState two-letter state that issued it, null when not recorded
     * @param validFrom first valid day
     * @param validTo last valid day, null when it does not expire
     */
    public record Certification(CredentialType type, String issuingState, LocalDate validFrom, LocalDate validTo) {

        public Certification {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(validFrom, "validFrom");
            if (validTo != null && validTo.isBefore(validFrom)) {
                throw new IllegalArgumentException("validTo must not be before validFrom");
            }
        }

        boolean validOn(LocalDate date) {
            return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
        }
    }

    /** Kinds of credential on a staff record. First aid, CPR and the like are kept but never qualify. */
    public enum CredentialType {
        /** Tennessee Certified Peer Recovery Specialist (TennCare policy, seeds/000). */
        CPRS,
        /** Indiana Certified Peer Support Professional (Indiana guide, seeds/002). */
        CPSP,
        /** Certified Addiction Peer Recovery Coach (Indiana guide, seeds/002). */
        CAPRC,
        /** Certified Recovery Specialist (Indiana guide, seeds/002). */
        CRS,
        /** Michigan peer recovery coach training: MDCH/BSAAS designated, CCAR or equivalent (Michigan X.A). */
        PEER_RECOVERY_COACH_TRAINING,
        /** Michigan peer recovery associate training by the hiring agency (Michigan X.B). */
        PEER_RECOVERY_ASSOCIATE_TRAINING,
        /** Michigan Certification Board for Addiction Professionals: for supervisors (Michigan IX). */
        MCBAP,
        FIRST_AID,
        CPR,
        OTHER
    }

    /**
     * An authorization of peer services for the enrollee.
     *
     * @param id the authorization's id, echoed in the evaluation when units are charged to it
     * @param kind plan of care, prior authorization or general
     * @param validFrom first day covered
     * @param validTo last day covered (inclusive)
     * @param unitsAuthorized units granted; null for a plan of care that states none (coverage only, no limit)
     * @param unitsUsed units already used by other signed contacts (not this one)
     */
    public record Authorization(
            String id,
            AuthorizationKind kind,
            LocalDate validFrom,
            LocalDate validTo,
            Integer unitsAuthorized,
            int unitsUsed) {

        public Authorization {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(validFrom, "validFrom");
            Objects.requireNonNull(validTo, "validTo");
            if (validTo.isBefore(validFrom)) {
                throw new IllegalArgumentException("validTo must not be before validFrom");
            }
            if (unitsAuthorized != null && unitsAuthorized < 0 || unitsUsed < 0) {
                throw new IllegalArgumentException("units must not be negative");
            }
        }

        boolean covers(LocalDate date) {
            return !date.isBefore(validFrom) && !date.isAfter(validTo);
        }

        /** Units left; unlimited (the largest int) for a plan of care without units. */
        int unitsRemaining() {
            return unitsAuthorized == null ? Integer.MAX_VALUE : Math.max(0, unitsAuthorized - unitsUsed);
        }
    }

    /**
     * Another signed service of the same enrollee or the same coach, as the ledgers hold it (CMS FAQ A1: one
     * provider per unit of service).
     *
     * @param contactId the other contact, named in the finding
     * @param sameEnrollee it served this contact's enrollee
     * @param sameCoach it was delivered by this contact's coach
     * @param billable it was billable when signed (the enrollee's ledger holds only billable services)
     * @param setting individual or group
     * @param start its start
     * @param end its end
     * @param anotherGroup both it and this contact are group services and they belong to different group sessions
     *     (a coach facilitates one group at a time; the attendees of one session are one service of the coach)
     */
    public record OtherService(
            String contactId,
            boolean sameEnrollee,
            boolean sameCoach,
            boolean billable,
            Setting setting,
            Instant start,
            Instant end,
            boolean anotherGroup) {

        public OtherService {
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        /** Another service that is not a different group session's. */
        public OtherService(String contactId, boolean sameEnrollee, boolean sameCoach, boolean billable,
                Setting setting, Instant start, Instant end) {
            this(contactId, sameEnrollee, sameCoach, billable, setting, start, end, false);
        }
    }

    /**
     * A contact documented later than its organization's late-entry limit, as {@link LateEntryPolicy#judge} found
     * it when the contact was logged, edited or (decisively) signed.
     *
     * @param daysAfterService calendar days from the date of service to the day it was documented
     * @param lateAfterDays the organization's late-entry limit then
     * @param reasonGiven whether the coach gave a late-entry reason (needed to log or sign; a preview may lack it)
     */
    public record LateEntry(long daysAfterService, int lateAfterDays, boolean reasonGiven) {

        public LateEntry {
            if (daysAfterService <= lateAfterDays) {
                throw new IllegalArgumentException("an entry " + daysAfterService + " days after the service is not"
                        + " later than " + lateAfterDays + " days");
            }
        }
    }

    /** How the coach and the enrollee were in contact. */
    public enum ContactType { FACE_TO_FACE, PHONE, COLLATERAL_FAMILY, COLLATERAL_PROFESSIONAL }

    /** Whether the service was given to one enrollee or to a group. */
    public enum Setting { INDIVIDUAL, GROUP }

    /** The format of a group; Michigan bills each with its own modifiers (Michigan XII). */
    public enum GroupFormat { PEER_LED, THERAPIST_PRESENT, MAT_BY_COACH, MAT_BY_ASSOCIATE }

    /** Where the service was delivered. */
    public enum PlaceOfService { OFFICE, HOME, COMMUNITY, JAIL, HOSPITAL, PEER_SUPPORT_CENTER, OTHER }

    /** What the contact did. */
    public enum Activity {
        RECOVERY_PLANNING,
        RELATIONSHIP_BUILDING,
        LEISURE_PLANNING,
        SUBSTANCE_USE_EDUCATION,
        RESOURCE_LINKAGE,
        ADVOCACY,
        PURELY_RECREATIONAL,
        SKILLS_TRAINING,
        CASE_MANAGEMENT
    }

    /** The four types of support (Michigan guidance VI, after SAMHSA). */
    public enum SupportType { EMOTIONAL, INFORMATIONAL, INSTRUMENTAL, AFFILIATIONAL }

    /** A source of funding an enrollee's services can be billed to. */
    public enum FundingSource { MEDICAID, HEALTHY_MICHIGAN, BLOCK_GRANT, PA2, OTHER }

    /** The Michigan eligibility criteria (Michigan guidance IV), numbered as there. */
    public enum EligibilityCriterion {
        /** 1: recovery support needs are not being met through another eligible service or program. */
        NEEDS_NOT_MET_ELSEWHERE,
        /** 2: a documented need in at least one functional domain. */
        FUNCTIONAL_NEED,
        /** 3: a demonstrated history of recovery failure. */
        HISTORY_OF_RECOVERY_FAILURE,
        /** 4: a primary drug of choice that requires longer-term treatment involvement. */
        LONG_TERM_DRUG_OF_CHOICE,
        /** 5: chronicity and severity that call for ongoing support. */
        CHRONIC_OR_SEVERE
    }

    /** The coach's role in the organization. */
    public enum CoachRole { RECOVERY_COACH, RECOVERY_ASSOCIATE, SUPERVISOR, ADMIN }

    /** What qualifies the coach's supervisor. */
    public enum SupervisorQualification { LICENSED_PROFESSIONAL, QBHP, EXPERIENCED_PEER }

    /** What kind of document an authorization is. */
    public enum AuthorizationKind { PLAN_OF_CARE, PRIOR_AUTHORIZATION, GENERAL }
}

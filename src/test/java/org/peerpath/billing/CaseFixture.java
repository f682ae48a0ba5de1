package org.peerpath.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.Certification;
import org.peerpath.billing.BillingCase.Coach;
import org.peerpath.billing.BillingCase.CoachRole;
import org.peerpath.billing.BillingCase.CredentialType;
import org.peerpath.billing.BillingCase.Supervisor;
import org.peerpath.billing.BillingCase.Contact;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.EligibilityCriterion;
import org.peerpath.billing.BillingCase.Enrollee;
import org.peerpath.billing.BillingCase.FundingSource;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.Organization;
import org.peerpath.billing.BillingCase.OtherService;
import org.peerpath.billing.BillingCase.PlaceOfService;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.BillingCase.SupervisorQualification;
import org.peerpath.billing.BillingCase.SupportType;

/**
 * Builds billing cases from a billable baseline per pack, so each test states only what differs. The baseline
 * is a signed, 30-minute, individual face-to-face contact at the office on {@link #SERVICE_DAY} at 10:00 in the
 * organization's zone, by a certified recovery coach with a licensed supervisor, for an enrolled, eligible,
 * Medicaid-funded adult; Michigan adds a covering authorization, Tennessee a plan of care and TennCare
 * enrolment.
 */
final class CaseFixture {

    static final LocalDate SERVICE_DAY = LocalDate.of(2024, 3, 5);
    static final String MI_AUTHORIZATION = "AUTH-MI-1";
    static final String TN_PLAN_OF_CARE = "POC-TN-1";

    private final String pack;
    private ZoneId zone;
    private boolean tennCareProvider;
    private UnitRounding unitRoundingOverride;

    private ContactType type = ContactType.FACE_TO_FACE;
    private boolean clientPresent = true;
    private Setting setting = Setting.INDIVIDUAL;
    private GroupFormat groupFormat;
    private LocalDateTime localStart = SERVICE_DAY.atTime(10, 0);
    private LocalDateTime localEnd = SERVICE_DAY.atTime(10, 30);
    private PlaceOfService placeOfService = PlaceOfService.OFFICE;
    private Boolean privateAreaUsed;
    private Set<Activity> activities = EnumSet.of(Activity.RECOVERY_PLANNING);
    private Set<SupportType> supportTypes = EnumSet.of(SupportType.EMOTIONAL);
    private String narrative = "Reviewed the relapse prevention plan and practised calling a sponsor.";
    private boolean signed = true;
    private Boolean directedToChildBenefit;

    private LocalDate dateOfBirth = LocalDate.of(1990, 6, 15);
    private LocalDate enrolledOn = LocalDate.of(2024, 1, 1);
    private LocalDate dischargedOn;
    private List<FundingSource> fundingSources = List.of(FundingSource.MEDICAID);
    private boolean standAlone;
    private LocalDate acuteTreatmentEndedOn;
    private Set<EligibilityCriterion> eligibilityCriteria =
            EnumSet.of(EligibilityCriterion.NEEDS_NOT_MET_ELSEWHERE, EligibilityCriterion.FUNCTIONAL_NEED);
    private boolean agreedToParticipate = true;
    private BillingCase.ChildEnrollee parentOrGuardianOf;

    private CoachRole role = CoachRole.RECOVERY_COACH;
    /** Null: the pack's qualifying credential, valid 2023 to 2025. */
    private List<Certification> certifications;
    private Supervisor supervisor = supervisedBy(SupervisorQualification.LICENSED_PROFESSIONAL);

    private List<Authorization> authorizations = new ArrayList<>();
    private int unitsUsedInRollingWindow;
    private RollingWindow busiestRollingWindow;
    private List<OtherService> otherServices = new ArrayList<>();
    private Boolean personConsentActive;
    private BillingCase.LateEntry lateEntry;

    private CaseFixture(String pack, ZoneId zone) {
        this.pack = pack;
        this.zone = zone;
    }

    static CaseFixture michigan() {
        return new CaseFixture("MI", ZoneId.of("America/Detroit"))
                .authorizations(new Authorization(MI_AUTHORIZATION, AuthorizationKind.PRIOR_AUTHORIZATION,
                        LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30), 100, 0));
    }

    static CaseFixture indiana() {
        return new CaseFixture("IN", ZoneId.of("America/Indiana/Indianapolis"));
    }

    static CaseFixture tennessee() {
        return new CaseFixture("TN", ZoneId.of("America/Chicago"))
                .tennCareProvider(true)
                .authorizations(new Authorization(TN_PLAN_OF_CARE, AuthorizationKind.PLAN_OF_CARE,
                        LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), 200, 0));
    }

    static CaseFixture forPack(String pack) {
        return switch (pack) {
            case "MI" -> michigan();
            case "IN" -> indiana();
            case "TN" -> tennessee();
            default -> throw new IllegalArgumentException(pack);
        };
    }

    static List<String> codes(BillingEvaluation evaluation) {
        return evaluation.findings().stream().map(Finding::code).toList();
    }

    static Finding finding(BillingEvaluation evaluation, String code) {
        return evaluation.findings().stream()
                .filter(finding -> finding.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + codes(evaluation)));
    }

    /** Parses "A B C" (blank for none) into enum values, for @CsvSource columns. */
    static <E extends Enum<E>> List<E> enums(Class<E> type, String spaceSeparated) {
        if (spaceSeparated == null || spaceSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(spaceSeparated.trim().split("\\s+")).map(name -> Enum.valueOf(type, name)).toList();
    }

    BillingEvaluation evaluate() {
        return BillingEngine.evaluate(build());
    }

    BillingCase build() {
        return new BillingCase(
                new Organization(pack, zone, tennCareProvider, unitRoundingOverride),
                new Contact(type, clientPresent, setting, groupFormat, instant(localStart), instant(localEnd),
                        placeOfService, privateAreaUsed, activities, supportTypes, narrative, signed,
                        directedToChildBenefit),
                new Enrollee(dateOfBirth, enrolledOn, dischargedOn, fundingSources, standAlone,
                        acuteTreatmentEndedOn, eligibilityCriteria, agreedToParticipate,
                        parentOrGuardianOf),
                new Coach(role, certifications != null ? certifications
                        : List.of(qualifying(pack, LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31))), supervisor),
                authorizations,
                unitsUsedInRollingWindow,
                otherServices,
                personConsentActive,
                lateEntry,
                busiestRollingWindow);
    }

    private Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(zone).toInstant();
    }

    // Organization

    CaseFixture zone(ZoneId zone) {
        this.zone = zone;
        return this;
    }

    CaseFixture tennCareProvider(boolean tennCareProvider) {
        this.tennCareProvider = tennCareProvider;
        return this;
    }

    CaseFixture unitRounding(UnitRounding unitRoundingOverride) {
        this.unitRoundingOverride = unitRoundingOverride;
        return this;
    }

    // Contact

    /** Documented late (null: on time, the baseline). */
    CaseFixture lateEntry(BillingCase.LateEntry lateEntry) {
        this.lateEntry = lateEntry;
        return this;
    }

    /** Face to face with the client (the baseline). */
    CaseFixture faceToFace() {
        return type(ContactType.FACE_TO_FACE, true);
    }

    CaseFixture phone() {
        return type(ContactType.PHONE, false);
    }

    /** A collateral family contact with the enrollee's consent on file. */
    CaseFixture collateralFamily(boolean clientPresent) {
        return type(ContactType.COLLATERAL_FAMILY, clientPresent).personConsentActive(true);
    }

    CaseFixture collateralProfessional(boolean clientPresent) {
        return type(ContactType.COLLATERAL_PROFESSIONAL, clientPresent);
    }

    CaseFixture type(ContactType type, boolean clientPresent) {
        this.type = type;
        this.clientPresent = clientPresent;
        return this;
    }

    CaseFixture group(GroupFormat groupFormat) {
        this.setting = Setting.GROUP;
        this.groupFormat = groupFormat;
        return this;
    }

    /** Moves the start to the given local time in the organization's zone, keeping the duration. */
    CaseFixture startingAt(LocalDateTime localStart) {
        long minutes = Duration.between(this.localStart, this.localEnd).toMinutes();
        this.localStart = localStart;
        this.localEnd = localStart.plusMinutes(minutes);
        return this;
    }

    /** Moves the start to the given instant, keeping the duration. */
    CaseFixture startingAt(Instant start) {
        return startingAt(LocalDateTime.ofInstant(start, zone));
    }

    /** The same time of day on another date of service. */
    CaseFixture on(LocalDate date) {
        return startingAt(date.atTime(localStart.toLocalTime()));
    }

    CaseFixture lasting(int minutes) {
        this.localEnd = localStart.plusMinutes(minutes);
        return this;
    }

    CaseFixture withoutStart() {
        this.localStart = null;
        return this;
    }

    CaseFixture withoutEnd() {
        this.localEnd = null;
        return this;
    }

    CaseFixture placeOfService(PlaceOfService placeOfService) {
        this.placeOfService = placeOfService;
        return this;
    }

    CaseFixture privateAreaUsed(Boolean privateAreaUsed) {
        this.privateAreaUsed = privateAreaUsed;
        return this;
    }

    CaseFixture activities(Activity... activities) {
        return activities(List.of(activities));
    }

    CaseFixture activities(List<Activity> activities) {
        this.activities = Set.copyOf(activities);
        return this;
    }

    CaseFixture supportTypes(SupportType... supportTypes) {
        this.supportTypes = Set.of(supportTypes);
        return this;
    }

    CaseFixture narrative(String narrative) {
        this.narrative = narrative;
        return this;
    }

    CaseFixture unsigned() {
        this.signed = false;
        return this;
    }

    CaseFixture directedToChildBenefit(Boolean directedToChildBenefit) {
        this.directedToChildBenefit = directedToChildBenefit;
        return this;
    }

    // Enrollee

    CaseFixture bornOn(LocalDate dateOfBirth) {
        this.dateOfBirth = dateOfBirth;
        return this;
    }

    CaseFixture enrolledOn(LocalDate enrolledOn) {
        this.enrolledOn = enrolledOn;
        return this;
    }

    CaseFixture dischargedOn(LocalDate dischargedOn) {
        this.dischargedOn = dischargedOn;
        return this;
    }

    CaseFixture fundingSources(FundingSource... fundingSources) {
        return fundingSources(List.of(fundingSources));
    }

    CaseFixture fundingSources(List<FundingSource> fundingSources) {
        this.fundingSources = List.copyOf(fundingSources);
        return this;
    }

    CaseFixture standAloneAfterAcuteTreatmentEnded(LocalDate acuteTreatmentEndedOn) {
        this.standAlone = true;
        this.acuteTreatmentEndedOn = acuteTreatmentEndedOn;
        return this;
    }

    CaseFixture standAlone(boolean standAlone, LocalDate acuteTreatmentEndedOn) {
        this.standAlone = standAlone;
        this.acuteTreatmentEndedOn = acuteTreatmentEndedOn;
        return this;
    }

    CaseFixture eligibilityCriteria(List<EligibilityCriterion> eligibilityCriteria) {
        this.eligibilityCriteria = Set.copyOf(eligibilityCriteria);
        return this;
    }

    CaseFixture agreedToParticipate(boolean agreedToParticipate) {
        this.agreedToParticipate = agreedToParticipate;
        return this;
    }

    /** A Medicaid child, 9 on the service day, whose parent or guardian the enrollee is (false: no child). */
    static final LocalDate CHILD_BORN = LocalDate.of(2015, 1, 1);

    CaseFixture parentOrGuardianOfChildEnrollee(boolean parentOrGuardianOfChildEnrollee) {
        this.parentOrGuardianOf = parentOrGuardianOfChildEnrollee ? new BillingCase.ChildEnrollee(CHILD_BORN, true)
                : null;
        return this;
    }

    /** The enrollee is the parent or guardian of a child born on {@code childBorn} (null: none named). */
    CaseFixture parentOf(LocalDate childBorn, boolean childOnMedicaid) {
        this.parentOrGuardianOf = new BillingCase.ChildEnrollee(childBorn, childOnMedicaid);
        return this;
    }

    // Coach

    CaseFixture role(CoachRole role) {
        this.role = role;
        return this;
    }

    CaseFixture certifications(Certification... certifications) {
        this.certifications = List.of(certifications);
        return this;
    }

    CaseFixture supervisor(SupervisorQualification supervisorQualification) {
        this.supervisor = supervisedBy(supervisorQualification);
        return this;
    }

    /** The supervisor on the date of service; null for none on record that day. */
    CaseFixture supervisor(Supervisor supervisor) {
        this.supervisor = supervisor;
        return this;
    }

    /** A supervisor with the given qualification and an MCBAP certification valid 2020 to 2030 (Michigan IX). */
    static Supervisor supervisedBy(SupervisorQualification qualification) {
        return new Supervisor(qualification, List.of(new Certification(CredentialType.MCBAP, "MI",
                LocalDate.of(2020, 1, 1), LocalDate.of(2030, 12, 31))));
    }

    /** The credential that qualifies a recovery coach in {@code pack}, valid from and to the given days. */
    static Certification qualifying(String pack, LocalDate validFrom, LocalDate validTo) {
        return switch (pack) {
            case "MI" -> new Certification(CredentialType.PEER_RECOVERY_COACH_TRAINING, "MI", validFrom, validTo);
            case "IN" -> new Certification(CredentialType.CAPRC, "IN", validFrom, validTo);
            case "TN" -> new Certification(CredentialType.CPRS, "TN", validFrom, validTo);
            default -> throw new IllegalArgumentException(pack);
        };
    }

    // Usage

    CaseFixture authorizations(Authorization... authorizations) {
        this.authorizations = new ArrayList<>(List.of(authorizations));
        return this;
    }

    CaseFixture unitsUsedInRollingWindow(int units) {
        this.unitsUsedInRollingWindow = units;
        return this;
    }

    /** The busiest rolling window containing the date of service, holding {@code units}. */
    CaseFixture busiestRollingWindow(RollingWindow window, int units) {
        this.busiestRollingWindow = window;
        this.unitsUsedInRollingWindow = units;
        return this;
    }

    /**
     * Another signed service, local times in the organization's zone on the service day ("10:15").
     *
     * @param who {@code ENROLLEE} (same enrollee, another coach), {@code COACH} (same coach, another enrollee)
     *     or {@code BOTH}
     */
    CaseFixture otherService(String contactId, String who, boolean billable, Setting setting, String from,
            String to) {
        otherServices.add(new OtherService(contactId, !who.equals("COACH"), !who.equals("ENROLLEE"), billable,
                setting, instant(SERVICE_DAY.atTime(LocalTime.parse(from))),
                instant(SERVICE_DAY.atTime(LocalTime.parse(to)))));
        return this;
    }

    /** A signed group contact of the same coach, another client, in a different group session ("10:15"). */
    CaseFixture anotherGroupSessionOfTheCoach(String contactId, String from, String to) {
        otherServices.add(new OtherService(contactId, false, true, true, Setting.GROUP,
                instant(SERVICE_DAY.atTime(LocalTime.parse(from))), instant(SERVICE_DAY.atTime(LocalTime.parse(to))),
                true));
        return this;
    }

    /** Another signed, billable individual contact of the same coach and enrollee over the same half hour. */
    CaseFixture overlappingOwnIndividualContact() {
        return otherService("OTHER-1", "BOTH", true, Setting.INDIVIDUAL, "10:00", "10:30");
    }

    CaseFixture personConsentActive(Boolean personConsentActive) {
        this.personConsentActive = personConsentActive;
        return this;
    }
}

package org.peerpath.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import org.peerpath.database.ConditionalOnDemoMode;
import org.peerpath.demo.DemoCast.DemoEnrollee;
import org.peerpath.demo.DemoCast.DemoOrganization;
import org.peerpath.people.Administration;
import org.peerpath.people.AdministrationInputs.AddAuthorizationInput;
import org.peerpath.people.AdministrationInputs.AddCertificationInput;
import org.peerpath.people.AdministrationInputs.CreateEnrolleeInput;
import org.peerpath.people.AdministrationInputs.CreateOrganizationInput;
import org.peerpath.people.AdministrationInputs.CreateStaffMemberInput;
import org.peerpath.people.AdministrationInputs.EligibilityInput;
import org.peerpath.people.AdministrationInputs.EmergencyContactInput;
import org.peerpath.people.AdministrationInputs.FirstAdministratorInput;
import org.peerpath.people.AuthorizationKind;
import org.peerpath.people.CertificationType;
import org.peerpath.people.DischargeReason;
import org.peerpath.people.Eligibility.EligibilityCriterion;
import org.peerpath.people.Enrolments;
import org.peerpath.people.Enrolments.DischargeEnrolleeInput;
import org.peerpath.people.Organization;
import org.peerpath.people.ProgramStatus;
import org.peerpath.people.RulePack;
import org.peerpath.people.StaffRole;
import org.peerpath.people.SupervisorQualification;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Seeds one demo organization per rule pack ({@link DemoCast}): a supervisor, two coaches (in Michigan one is a
 * recovery associate), an administrator and nine enrollees with varied funding, ages, statuses and authorizations,
 * one of them the parent of the 15-year-old, served for the child's benefit; then, unless switched off
 * ({@link DemoDataSettings}), a day's work in each ({@link DemoActivity}).
 * Goes through the same services as the API, so demo data obeys the same rules. Ids are derived from names and
 * dates from the first start ({@link DemoSeed}), so a start after a complete seeding changes nothing, and a start
 * after one cut short (a kill, a power cut) completes it.
 */
@Component
@ConditionalOnDemoMode
@Order(100)
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** Every demo login, for the README and the log. */
    public static final List<String> LOGINS = List.of("admin", "supervisor.mi", "coach.mi", "associate.mi",
            "enrollee.mi", "admin.in", "supervisor.in", "coach.in", "coach2.in", "enrollee.in", "admin.tn",
            "supervisor.tn", "coach.tn", "coach2.tn", "enrollee.tn");

    private final Administration administration;
    private final Enrolments enrolments;
    private final MongoTemplate mongo;
    private final DemoSeed seed;
    private final DemoActivity activity;
    private final DemoDataSettings settings;

    DemoData(Administration administration, Enrolments enrolments, MongoTemplate mongo, DemoSeed seed,
            DemoActivity activity, DemoDataSettings settings) {
        this.administration = administration;
        this.enrolments = enrolments;
        this.mongo = mongo;
        this.seed = seed;
        this.activity = activity;
        this.settings = settings;
    }

    /** The deterministic id of a demo record. */
    public static String id(String key) {
        return UUID.nameUUIDFromBytes(("peerpath-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void run(ApplicationArguments args) {
        adoptEarlierSeeding();
        Instant firstStart = seed.firstStart();
        for (DemoOrganization organization : DemoCast.ORGANIZATIONS) {
            LocalDate today = LocalDate.ofInstant(firstStart, ZoneId.of(organization.zone()));
            seed.once(organization.state() + ".people", () -> seed(organization, today));
        }
        if (settings.dayOfWork()) {
            for (DemoOrganization organization : DemoCast.ORGANIZATIONS) {
                try {
                    activity.seed(organization, firstStart);
                }
                catch (RuntimeException ex) {
                    // The people are there, so the demo works; what is missing is tried again at the next start.
                    log.warn("The day's work of demo organization {} is incomplete; the next start completes it",
                            organization.name(), ex);
                }
            }
        }
    }

    /**
     * A data directory seeded before seeding kept markers: its organizations count as complete (as that version
     * judged them) and their creation as the first start, so the day's work is added to them with fitting dates.
     */
    private void adoptEarlierSeeding() {
        List<Organization> earlier = DemoCast.ORGANIZATIONS.stream()
                .map(o -> mongo.findById(id("org." + o.state()), Organization.class)).filter(Objects::nonNull).toList();
        if (!earlier.isEmpty() && !seed.done(DemoSeed.FIRST_START)) {
            seed.adopt(earlier.stream().map(Organization::createdAt).min(Instant::compareTo).orElseThrow(),
                    DemoCast.ORGANIZATIONS.stream().filter(o -> mongo.findById(id("org." + o.state()),
                            Organization.class) != null).map(o -> o.state() + ".people").toList());
        }
    }

    private void seed(DemoOrganization organization, LocalDate today) {
        String state = organization.state();
        RulePack pack = organization.pack();
        String organizationId = id("org." + state);
        String adminId = id("admin." + state);
        Viewer admin = new Viewer(adminId, Role.ADMIN, organizationId, "Demo administrator");
        // Every call below is a retry-safe creation under a derived id, or a discharge that recognizes its retry:
        // a seeding cut short is completed by running it again.
        administration.createOrganization(admin, new CreateOrganizationInput(organizationId, organization.name(),
                pack, organization.zone(), organization.tennCareProvider(), 14, 30, new FirstAdministratorInput(
                        adminId, "Avery", "Admin-" + state.toUpperCase(), organization.adminLogin()
                                + "@demo.peerpath.org", organization.adminLogin())));

        String supervisorId = id("supervisor." + state);
        administration.createStaffMember(admin, new CreateStaffMemberInput(supervisorId, "Sam", "Supervisor-"
                + state.toUpperCase(), StaffRole.SUPERVISOR, null, "supervisor." + state, null,
                SupervisorQualification.LICENSED_PROFESSIONAL));
        String coachId = id("coach." + state);
        administration.createStaffMember(admin, new CreateStaffMemberInput(coachId, "Casey", "Coach-"
                + state.toUpperCase(), StaffRole.RECOVERY_COACH, null, "coach." + state, supervisorId, null));
        String secondLogin = organization.secondLogin();
        String secondId = id(secondLogin);
        administration.createStaffMember(admin, new CreateStaffMemberInput(secondId, "Robin", "Second-"
                + state.toUpperCase(), state.equals("mi") ? StaffRole.RECOVERY_ASSOCIATE : StaffRole.RECOVERY_COACH,
                null, secondLogin, supervisorId, null));
        // The credential each pack accepts (billing.CredentialRequirement); Michigan's supervisor holds MCBAP
        // certification (Michigan guidance IX).
        CertificationType certificationType = switch (pack) {
            case MI -> CertificationType.PEER_RECOVERY_COACH_TRAINING;
            case IN -> CertificationType.CAPRC;
            case TN -> CertificationType.CPRS;
        };
        if (pack == RulePack.MI) {
            administration.addCertification(admin, new AddCertificationInput(supervisorId, id("cert." + supervisorId),
                    CertificationType.MCBAP, "MCBAP-" + supervisorId.substring(0, 6), "MI", today.minusYears(3),
                    today.plusYears(2)));
        }
        for (String staffId : List.of(coachId, secondId)) {
            administration.addCertification(admin, new AddCertificationInput(staffId, id("cert." + staffId),
                    certificationType, state.toUpperCase() + "-" + staffId.substring(0, 6), state.toUpperCase(),
                    today.minusYears(2), today.plusYears(1)));
        }

        List<DemoEnrollee> enrollees = DemoCast.enrollees(state);
        for (int i = 0; i < enrollees.size(); i++) {
            DemoEnrollee e = enrollees.get(i);
            String enrolleeId = id("enrollee." + state + "." + i);
            boolean standAlone = state.equals("mi") && i == 2;
            administration.createEnrollee(admin, new CreateEnrolleeInput(enrolleeId, e.firstName(), e.lastName(),
                    e.preferredName(), today.minusYears(e.age()).minusDays(40 + i), "MC" + state.toUpperCase() + (100200 + i),
                    e.funding(), e.status() == ProgramStatus.DISCHARGED ? ProgramStatus.ENROLLED : e.status(),
                    e.status() == ProgramStatus.REFERRED ? null : today.minusMonths(8),
                    standAlone, standAlone ? today.minusMonths(2) : null,
                    e.status() == ProgramStatus.REFERRED ? null : (e.onFirstCoach() ? coachId : secondId),
                    List.of(new EmergencyContactInput(id("ec." + enrolleeId), DemoCast.emergencyContactName(e),
                            "sibling", "+1-555-01" + (10 + i))),
                    e.childIndex() != null, e.childIndex() == null ? null
                            : id("enrollee." + state + "." + e.childIndex()), new EligibilityInput(true,
                            List.of(EligibilityCriterion.DOCUMENTED_DOMAIN_NEED), true),
                    e.login(), e.status() == ProgramStatus.REFERRED ? today.minusDays(5) : today.minusMonths(9)));
            if (e.status() == ProgramStatus.DISCHARGED) {
                // Enrolled eight months ago, discharged a month ago: an episode with its dates and reason.
                enrolments.discharge(admin, new DischargeEnrolleeInput(enrolleeId, 0, today.minusMonths(1),
                        DischargeReason.COMPLETED, "Met the recovery plan's goals"));
                continue;
            }
            AuthorizationKind kind = switch (pack) {
                case MI -> AuthorizationKind.GENERAL;
                case IN -> AuthorizationKind.PRIOR_AUTHORIZATION;
                case TN -> AuthorizationKind.PLAN_OF_CARE;
            };
            if (pack != RulePack.IN || i == 0) {
                administration.addAuthorization(admin, new AddAuthorizationInput(enrolleeId,
                        id("auth." + enrolleeId), kind, today.minusMonths(3).withDayOfMonth(1),
                        today.plusMonths(9).withDayOfMonth(1).minusDays(1), i == 1 ? 8 : 96));
            }
        }
        log.info("Seeded demo organization {} ({})", organization.name(), pack);
    }
}

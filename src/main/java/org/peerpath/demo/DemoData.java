package org.peerpath.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import org.peerpath.database.ConditionalOnDemoMode;
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
import org.peerpath.people.FundingSource;
import org.peerpath.people.Organization;
import org.peerpath.people.ProgramStatus;
import org.peerpath.people.RulePack;
import org.peerpath.people.StaffRole;
import org.peerpath.people.SupervisorQualification;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Seeds one demo organization per rule pack, once: a supervisor, two coaches (in Michigan one is a recovery
 * associate), an administrator and nine enrollees with varied funding, ages, statuses and authorizations, one
 * of them the parent of the 15-year-old, served for the child's benefit.
 * Goes through the same administration service as the API, so demo data obeys the same rules. Ids are derived
 * from names, so a second run finds everything in place and changes nothing.
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
    private final Clock clock;

    DemoData(Administration administration, Enrolments enrolments, MongoTemplate mongo, Clock clock) {
        this.administration = administration;
        this.enrolments = enrolments;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The deterministic id of a demo record. */
    public static String id(String key) {
        return UUID.nameUUIDFromBytes(("peerpath-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void run(ApplicationArguments args) {
        LocalDate today = LocalDate.now(clock);
        seed("mi", RulePack.MI, "Lakeshore Recovery Community (demo)", "America/Detroit", false, "admin", today);
        seed("in", RulePack.IN, "Hoosier Peer Partners (demo)", "America/Indiana/Indianapolis", false, "admin.in",
                today);
        seed("tn", RulePack.TN, "Cumberland Peer Recovery (demo)", "America/Chicago", true, "admin.tn", today);
    }

    private void seed(String state, RulePack pack, String name, String zone, boolean tennCare, String adminLogin,
            LocalDate today) {
        String organizationId = id("org." + state);
        if (mongo.findById(organizationId, Organization.class) != null) {
            return; // seeded on an earlier start
        }
        String adminId = id("admin." + state);
        Viewer admin = new Viewer(adminId, Role.ADMIN, organizationId, "Demo administrator");
        administration.createOrganization(admin, new CreateOrganizationInput(organizationId, name, pack, zone,
                tennCare, 14, 30, new FirstAdministratorInput(adminId, "Avery", "Admin-" + state.toUpperCase(),
                        adminLogin + "@demo.peerpath.org", adminLogin)));

        String supervisorId = id("supervisor." + state);
        administration.createStaffMember(admin, new CreateStaffMemberInput(supervisorId, "Sam", "Supervisor-"
                + state.toUpperCase(), StaffRole.SUPERVISOR, null, "supervisor." + state, null,
                SupervisorQualification.LICENSED_PROFESSIONAL));
        String coachId = id("coach." + state);
        administration.createStaffMember(admin, new CreateStaffMemberInput(coachId, "Casey", "Coach-"
                + state.toUpperCase(), StaffRole.RECOVERY_COACH, null, "coach." + state, supervisorId, null));
        String secondLogin = state.equals("mi") ? "associate.mi" : "coach2." + state;
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

        List<DemoEnrollee> enrollees = List.of(
                new DemoEnrollee("Jordan", "Rivers", "JR", 34, ProgramStatus.ENROLLED, true,
                        List.of(FundingSource.MEDICAID, FundingSource.BLOCK_GRANT), "enrollee." + state),
                new DemoEnrollee("Taylor", "Brooks", null, 41, ProgramStatus.ENROLLED, true,
                        List.of(FundingSource.HEALTHY_MICHIGAN), null),
                new DemoEnrollee("Morgan", "Hale", null, 27, ProgramStatus.ENROLLED, true,
                        List.of(FundingSource.BLOCK_GRANT, FundingSource.PA2), null),
                new DemoEnrollee("Riley", "Stone", "Ri", 15, ProgramStatus.ENROLLED, true,
                        List.of(FundingSource.MEDICAID), null),
                new DemoEnrollee("Alex", "Moreno", null, 52, ProgramStatus.DISCHARGED, true,
                        List.of(FundingSource.MEDICAID), null),
                new DemoEnrollee("Jamie", "Ortiz", null, 23, ProgramStatus.ENROLLED, false,
                        List.of(FundingSource.PA2), null),
                new DemoEnrollee("Quinn", "Foster", null, 38, ProgramStatus.REFERRED, false,
                        List.of(FundingSource.MEDICAID, FundingSource.OTHER), null),
                new DemoEnrollee("Drew", "Patel", "D", 61, ProgramStatus.ENROLLED, false, List.of(FundingSource.OTHER),
                        null),
                // Riley's parent, served for Riley's benefit (CMS FAQ A5; TennCare policy): the record names the
                // child, a Medicaid-eligible minor of the same organization.
                new DemoEnrollee("Dana", "Stone", null, 44, ProgramStatus.ENROLLED, true,
                        List.of(FundingSource.MEDICAID), null, 3));
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
                    List.of(new EmergencyContactInput(id("ec." + enrolleeId), "Pat " + e.lastName(), "sibling",
                            "+1-555-01" + (10 + i))),
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
        log.info("Seeded demo organization {} ({})", name, pack);
    }

    /** A demo enrollee; {@code childIndex}: for a parent or guardian, the index of the child they are served for. */
    private record DemoEnrollee(String firstName, String lastName, String preferredName, int age,
            ProgramStatus status, boolean onFirstCoach, List<FundingSource> funding, String login, Integer childIndex) {

        DemoEnrollee(String firstName, String lastName, String preferredName, int age, ProgramStatus status,
                boolean onFirstCoach, List<FundingSource> funding, String login) {
            this(firstName, lastName, preferredName, age, status, onFirstCoach, funding, login, null);
        }
    }
}

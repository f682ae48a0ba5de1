package org.peerpath.people;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;
import static org.peerpath.demo.DemoData.id;

/**
 * Who may bill (issue 10, item 2) over HTTP: a coach whose only credential is first aid is not billable in any
 * pack, the pack's own credential makes them billable; a coach without a supervisor on the date of service is not
 * billable, and a change of supervisor does not rewrite the past (Indiana: a qualified supervisor until the
 * change day, an experienced peer from it).
 */
class CredentialsAndSupervisionIntegrationTest extends IntegrationTest {

    /** 2026-06-15, midday in every demo zone. */
    private static final Instant NOW = Instant.parse("2026-06-15T17:00:00Z");

    private record State(String code, String zone, String credential, String authorizationKind) {
    }

    private static final List<State> STATES = List.of(
            new State("mi", "America/Detroit", "PEER_RECOVERY_COACH_TRAINING", "GENERAL"),
            new State("in", "America/Indiana/Indianapolis", "CAPRC", "PRIOR_AUTHORIZATION"),
            new State("tn", "America/Chicago", "CPRS", "PLAN_OF_CARE"));

    @Test
    void aFirstAidOnlyCoachIsNotBillableInAnyPackUntilThePacksCredentialIsOnFile() {
        clock.pin(NOW);
        for (State state : STATES) {
            String admin = state.code().equals("mi") ? "admin" : "admin." + state.code();
            String login = "firstaid." + state.code() + "." + UUID.randomUUID();
            String coachId = newCoach(admin, login, id("supervisor." + state.code()));
            // First aid, issued in Indiana: kept on the record, never a qualification.
            addCertification(admin, coachId, "FIRST_AID", "IN", "2026-01-01", null);
            String enrolleeId = newClient(admin, coachId, state);

            Instant start = day(state, "2026-06-10").plus(Duration.ofHours(10));
            GraphQlTester.Response preview = preview(login, enrolleeId, start);
            preview.path("previewContactBilling.billable").entity(Boolean.class).isEqualTo(false);
            String message = preview.path("previewContactBilling.findings[?(@.code == 'PROVIDER_NOT_QUALIFIED')]"
                    + ".message").entityList(String.class).get().get(0);
            assertThat(message).as(state.code()).contains("2026-06-10");
            assertThat(message).as(state.code()).contains(switch (state.code()) {
                case "tn" -> "Tennessee Certified Peer Recovery Specialist (CPRS)";
                case "in" -> "CPSP, CAPRC or CRS";
                default -> "peer recovery coach credential";
            });

            // The pack's credential, ending on the date of service: billable that last valid day.
            addCertification(admin, coachId, state.credential(), state.code().toUpperCase(), "2026-01-01",
                    "2026-06-10");
            preview(login, enrolleeId, start).path("previewContactBilling.findings[*].code")
                    .entityList(String.class).doesNotContain("PROVIDER_NOT_QUALIFIED");
            preview(login, enrolleeId, start).path("previewContactBilling.billable").entity(Boolean.class)
                    .isEqualTo(true);
        }
    }

    @Test
    void aCoachWithoutASupervisorOnTheDateIsNotBillableAndAChangeOfSupervisorKeepsThePast() {
        clock.pin(NOW);
        State indiana = STATES.get(1);
        String login = "unsupervised.in." + UUID.randomUUID();
        String coachId = newCoach("admin.in", login, null);
        addCertification("admin.in", coachId, "CAPRC", "IN", "2026-01-01", null);
        String enrolleeId = newClient("admin.in", coachId, indiana);
        Instant june1 = day(indiana, "2026-06-01").plus(Duration.ofHours(10));
        Instant june5 = day(indiana, "2026-06-05").plus(Duration.ofHours(10));
        Instant june4 = day(indiana, "2026-06-04").plus(Duration.ofHours(10));

        assertThat(codes(preview(login, enrolleeId, june1))).contains("SUPERVISION_NOT_DOCUMENTED");

        // A licensed supervisor from June 2; an experienced peer (not qualified in Indiana) from June 5.
        String peerSupervisor = newStaff("admin.in", null, "SUPERVISOR", "EXPERIENCED_PEER", null);
        assign("admin.in", coachId, id("supervisor.in"), "2026-06-02", 1)
                .path("assignSupervisor.staffMember.version").entity(Integer.class).isEqualTo(2);
        assign("admin.in", coachId, id("supervisor.in"), "2026-06-02", 1)
                .path("assignSupervisor.staffMember.version").entity(Integer.class).isEqualTo(2);
        assign("admin.in", coachId, peerSupervisor, "2026-06-05", 2)
                .path("assignSupervisor.staffMember.supervisorAssignments[*].to").entityList(String.class)
                .containsExactly("2026-06-04", null);

        assertThat(codes(preview(login, enrolleeId, june1))).contains("SUPERVISION_NOT_DOCUMENTED");
        preview(login, enrolleeId, june4).path("previewContactBilling.billable").entity(Boolean.class)
                .isEqualTo(true);
        assertThat(codes(preview(login, enrolleeId, june5))).contains("IN.SUPERVISION_NOT_QUALIFIED")
                .doesNotContain("SUPERVISION_NOT_DOCUMENTED");
    }

    @Test
    void onlyTheOrganizationsAdministratorRecordsSupervisorsAndThePastIsNotRewritten() {
        clock.pin(NOW);
        String coachId = newCoach("admin.in", "assign." + UUID.randomUUID(), null);
        assign("admin.in", coachId, id("supervisor.in"), "2026-06-02", 0).path("assignSupervisor.staffMember.id")
                .hasValue();

        expectError(tester("supervisor.in", "admin").documentName("assignSupervisor").variable("input",
                assignInput(coachId, id("supervisor.in"), "2026-06-10", 1)).execute(), "FORBIDDEN");
        expectError(assign("admin", coachId, id("supervisor.mi"), "2026-06-10", 1), "NOT_FOUND");
        assertThat(problems(expectError(assign("admin.in", coachId, id("coach.in"), "2026-06-01", 1),
                "VALIDATION"))).containsExactlyInAnyOrder("Staff member " + id("coach.in") + " is not a supervisor.",
                "'effectiveFrom' must not be before the current assignment began (2026-06-02): the past is not"
                        + " rewritten.");
        expectError(assign("admin.in", coachId, coachId, "2026-06-10", 1), "VALIDATION");
        // A credential ending before its start (issue 10, item 5): refused, and nothing added (the version below).
        assertThat(problems(expectError(addCertificationResponse("admin.in", coachId, "CAPRC", "IN", "2026-06-10",
                "2026-06-09"), "VALIDATION"))).containsExactly("'validTo' must not be before 'validFrom'.");

        supervisorView(coachId).path("assignSupervisor.staffMember.version").entity(Integer.class).isEqualTo(1)
                .path("assignSupervisor.staffMember.certifications").entityList(Object.class).hasSize(0)
                .path("assignSupervisor.staffMember.supervisorAssignments[*].from").entityList(String.class)
                .containsExactly("2026-06-02");
    }

    // ---- fixtures ----

    /** The staff member as the administrator sees it after a no-op retry of their current assignment. */
    private GraphQlTester.Response supervisorView(String coachId) {
        return assign("admin.in", coachId, id("supervisor.in"), "2026-06-02", 99);
    }

    private static List<String> codes(GraphQlTester.Response preview) {
        return preview.path("previewContactBilling.findings[*].code").entityList(String.class).get();
    }

    private static Instant day(State state, String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneId.of(state.zone())).toInstant();
    }

    private GraphQlTester.Response assign(String admin, String staffId, String supervisorId, String from,
            int version) {
        return admin(admin).documentName("assignSupervisor")
                .variable("input", assignInput(staffId, supervisorId, from, version)).execute();
    }

    private static Map<String, Object> assignInput(String staffId, String supervisorId, String from, int version) {
        return Map.of("staffMemberId", staffId, "supervisorId", supervisorId, "effectiveFrom", from,
                "expectedVersion", version);
    }

    private String newCoach(String admin, String login, String supervisorId) {
        return newStaff(admin, login, "RECOVERY_COACH", null, supervisorId);
    }

    private String newStaff(String admin, String login, String role, String qualification, String supervisorId) {
        String staffId = UUID.randomUUID().toString();
        Map<String, Object> input = new HashMap<>(Map.of("id", staffId, "firstName", "Pat", "lastName", "Credential",
                "role", role));
        if (login != null) {
            input.put("authSubject", login);
        }
        if (qualification != null) {
            input.put("supervisorQualification", qualification);
        }
        if (supervisorId != null) {
            input.put("supervisorId", supervisorId);
        }
        admin(admin).documentName("createStaffMember").variable("input", input).execute()
                .path("createStaffMember.staffMember.id").hasValue();
        return staffId;
    }

    private void addCertification(String admin, String staffId, String type, String state, String from, String to) {
        addCertificationResponse(admin, staffId, type, state, from, to).path("addCertification.staffMember.id")
                .hasValue();
    }

    private GraphQlTester.Response addCertificationResponse(String admin, String staffId, String type, String state,
            String from, String to) {
        Map<String, Object> input = new HashMap<>(Map.of("staffMemberId", staffId, "id", UUID.randomUUID().toString(),
                "type", type, "number", "N-" + type, "issuingState", state, "validFrom", from));
        if (to != null) {
            input.put("validTo", to);
        }
        return admin(admin).documentName("addCertification").variable("input", input).execute();
    }

    /** A client of {@code coachId}, otherwise billable in the state's pack from 2026-01-01. */
    private String newClient(String admin, String coachId, State state) {
        String enrolleeId = UUID.randomUUID().toString();
        admin(admin).documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Cred", "lastName", "Client", "dateOfBirth", "1983-02-14",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2026-01-01",
                "coachId", coachId,
                "eligibility", Map.of("needsNotMetByOtherProgram", true, "criteria", List.of("DOCUMENTED_DOMAIN_NEED"),
                        "agreedToParticipate", true))).execute().path("createEnrollee.enrollee.id").hasValue();
        admin(admin).documentName("addAuthorization").variable("input", Map.of("enrolleeId", enrolleeId,
                "id", UUID.randomUUID().toString(), "kind", state.authorizationKind(), "validFrom", "2026-01-01",
                "validTo", "2026-12-31", "unitsAuthorized", 400)).execute().path("addAuthorization.enrollee.id")
                .hasValue();
        return enrolleeId;
    }

    private GraphQlTester.Response preview(String login, String enrolleeId, Instant start) {
        return coach(login).documentName("previewContactBilling").variable("input", Map.of(
                "id", UUID.randomUUID().toString(), "enrolleeId", enrolleeId, "type", "FACE_TO_FACE",
                "start", start.toString(), "end", start.plus(Duration.ofMinutes(60)).toString(),
                "placeOfService", "OFFICE", "activities", List.of("RECOVERY_PLANNING"),
                "supportTypes", List.of("EMOTIONAL"),
                "narrative", "Reviewed the recovery plan and the week's meetings.")).execute();
    }
}

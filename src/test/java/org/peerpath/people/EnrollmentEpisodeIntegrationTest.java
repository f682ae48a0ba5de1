package org.peerpath.people;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;
import static org.peerpath.demo.DemoData.id;

/**
 * Enrollment episodes over HTTP (issue 10, item 1): a supervisor discharges a client, an administrator readmits
 * them, billing follows the episodes in Michigan's zone (the day of discharge and the day of readmission are
 * billable, the days between are not), engagement starts fresh, and every refusal leaves the record as it was.
 */
class EnrollmentEpisodeIntegrationTest extends IntegrationTest {

    /** 2026-03-20, 12:00 in Detroit: the day the supervisor records the discharge. */
    private static final Instant DISCHARGE_RECORDED = Instant.parse("2026-03-20T16:00:00Z");
    /** 2026-05-01, 16:00 in Detroit: the day of readmission. */
    private static final Instant READMISSION_DAY = Instant.parse("2026-05-01T20:00:00Z");

    @Test
    void aDischargedClientIsNotBillableAndAReadmittedOneIsBillableAgain() {
        clock.pin(DISCHARGE_RECORDED);
        String enrolleeId = newMichiganClient();

        GraphQlTester.Response discharged = discharge("supervisor.mi", enrolleeId, 0, "2026-03-10", "MOVED", null);
        discharged.path("dischargeEnrollee.enrollee.status").entity(String.class).isEqualTo("DISCHARGED")
                .path("dischargeEnrollee.enrollee.dischargedOn").entity(String.class).isEqualTo("2026-03-10")
                .path("dischargeEnrollee.enrollee.episodes[0].enrolledOn").entity(String.class).isEqualTo("2026-01-01")
                .path("dischargeEnrollee.enrollee.episodes[0].dischargeReason").entity(String.class).isEqualTo("MOVED")
                .path("dischargeEnrollee.enrollee.version").entity(Integer.class).isEqualTo(1);
        // A retry (the phone lost the answer) changes nothing.
        discharge("supervisor.mi", enrolleeId, 0, "2026-03-10", "MOVED", null)
                .path("dischargeEnrollee.enrollee.version").entity(Integer.class).isEqualTo(1);

        // The day of discharge is still enrolled (Detroit time: 23:30 on March 10 is 03:30 UTC on March 11).
        assertThat(signed(enrolleeId, Instant.parse("2026-03-11T03:00:00Z"), 30).path(
                "signContact.contact.billing.billable").entity(Boolean.class).get()).isTrue();
        GraphQlTester.Response after = signed(enrolleeId, Instant.parse("2026-03-11T14:07:00Z"), 60);
        after.path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false);
        String message = after.path("signContact.contact.billing.findings[?(@.code == 'ENROLLEE_NOT_ACTIVE')].message")
                .entityList(String.class).get().get(0);
        assertThat(message).contains("2026-03-11", "2026-01-01", "2026-03-10");

        // Discharged: not on the coach's at-risk list, whatever the time since the last contact.
        clock.pin(Instant.parse("2026-04-29T16:00:00Z"));
        coach("coach.mi").documentName("myAtRiskClients").execute()
                .path("myAtRiskClients[*].enrollee.id").entityList(String.class).doesNotContain(enrolleeId);

        clock.pin(READMISSION_DAY);
        String episodeId = UUID.randomUUID().toString();
        GraphQlTester.Response readmitted = readmit("admin", enrolleeId, episodeId, 1, "2026-04-20", "2026-05-01");
        readmitted.path("readmitEnrollee.enrollee.status").entity(String.class).isEqualTo("ENROLLED")
                .path("readmitEnrollee.enrollee.episodes[*].id").entityList(String.class).hasSize(2)
                .path("readmitEnrollee.enrollee.episodes[0].dischargedOn").entity(String.class).isEqualTo("2026-03-10")
                .path("readmitEnrollee.enrollee.episodes[1].enrolledOn").entity(String.class).isEqualTo("2026-05-01")
                .path("readmitEnrollee.enrollee.version").entity(Integer.class).isEqualTo(2);
        readmit("admin", enrolleeId, episodeId, 1, "2026-04-20", "2026-05-01")
                .path("readmitEnrollee.enrollee.version").entity(Integer.class).isEqualTo(2);
        expectError(readmit("admin", enrolleeId, episodeId, 2, "2026-04-21", "2026-05-01"), "CONFLICT");

        // Referred again but not yet enrolled on April 30; enrolled from May 1 (Detroit).
        GraphQlTester.Response referredOnly = signed(enrolleeId, Instant.parse("2026-04-30T14:07:00Z"), 60);
        referredOnly.path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false);
        assertThat(referredOnly.path("signContact.contact.billing.findings[*].code").entityList(String.class).get())
                .contains("ENROLLEE_NOT_ACTIVE");
        signed(enrolleeId, Instant.parse("2026-05-01T14:07:00Z"), 60)
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true);

        // The readmitted client starts fresh: the March contacts do not make them at risk.
        clock.pin(READMISSION_DAY.plus(Duration.ofDays(10)));
        coach("coach.mi").documentName("engagement").variable("enrolleeId", enrolleeId).execute()
                .path("engagement.status").entity(String.class).isEqualTo("ENGAGED")
                .path("engagement.daysSinceLastContact").entity(Integer.class).isEqualTo(10);

        // The whole history stays visible to the organization's supervisor.
        supervisor("supervisor.mi").documentName("enrollee").variable("id", enrolleeId).execute()
                .path("enrollee.status").entity(String.class).isEqualTo("ENROLLED")
                .path("enrollee.episodes[*].enrolledOn").entityList(String.class)
                .containsExactly("2026-01-01", "2026-05-01");
    }

    @Test
    void theDemosDischargedClientIsNotBillable() {
        String discharged = id("enrollee.mi.4");
        supervisor("supervisor.mi").documentName("enrollee").variable("id", discharged).execute()
                .path("enrollee.status").entity(String.class).isEqualTo("DISCHARGED")
                .path("enrollee.episodes[0].dischargeReason").entity(String.class).isEqualTo("COMPLETED");
        Map<String, Object> input = faceToFace(discharged, clock.instant().minus(Duration.ofDays(2))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofMinutes(11)), 60);
        coach("coach.mi").documentName("previewContactBilling").variable("input", input).execute()
                .path("previewContactBilling.findings[*].code").entityList(String.class)
                .contains("ENROLLEE_NOT_ACTIVE");
    }

    @Test
    void onlyTheOrganizationsAdministratorsAndSupervisorsChangeEpisodes() {
        clock.pin(DISCHARGE_RECORDED);
        String enrolleeId = newMichiganClient();

        expectError(tester("coach.mi", "admin").documentName("dischargeEnrollee").variable("input",
                dischargeInput(enrolleeId, 0, "2026-03-10", "COMPLETED", null)).execute(), "FORBIDDEN");
        expectError(tester("enrollee.mi", "admin").documentName("readmitEnrollee").variable("input",
                readmitInput(enrolleeId, UUID.randomUUID().toString(), 0, null, "2026-03-01")).execute(), "FORBIDDEN");
        // Another organization's supervisor cannot discharge the client nor see the episode: as if unknown.
        expectError(discharge("supervisor.in", enrolleeId, 0, "2026-03-10", "COMPLETED", null), "NOT_FOUND");
        expectError(supervisor("supervisor.in").documentName("enrollee").variable("id", enrolleeId).execute(),
                "NOT_FOUND");
        expectError(discharge("supervisor.in", UUID.randomUUID().toString(), 0, "2026-03-10", "COMPLETED", null),
                "NOT_FOUND");

        assertUnchanged(enrolleeId, 0);
    }

    @Test
    void badEpisodesAreRefusedWithEveryProblemAndNothingWritten() {
        clock.pin(DISCHARGE_RECORDED);
        String enrolleeId = newMichiganClient();

        ResponseError beforeEnrolment = expectError(discharge("admin", enrolleeId, 0, "2025-12-31", "OTHER", null),
                "VALIDATION");
        assertThat(problems(beforeEnrolment)).hasSize(1)
                .allSatisfy(p -> assertThat(p).contains("'note' is required"));
        assertThat(problems(expectError(discharge("admin", enrolleeId, 0, "2025-12-31", "DECLINED", null),
                "VALIDATION"))).singleElement().asString().contains("before the episode began", "2026-01-01");
        // Discharge tomorrow (Detroit) is in the future.
        assertThat(problems(expectError(discharge("admin", enrolleeId, 0, "2026-03-21", "COMPLETED", null),
                "VALIDATION"))).singleElement().asString().contains("future");
        // A readmission while enrolled.
        assertThat(problems(expectError(readmit("admin", enrolleeId, UUID.randomUUID().toString(), 0, null,
                "2026-03-01"), "VALIDATION"))).singleElement().asString().contains("discharge them before");
        // A status without its date, and a discharge through updateEnrollee, which has no reason.
        expectError(admin("admin").documentName("updateEnrollee").variable("input", Map.of("id", enrolleeId,
                "expectedVersion", 0, "status", "DISCHARGED")).execute(), "VALIDATION");
        expectError(admin("admin").documentName("createEnrollee").variable("input", Map.of("id",
                UUID.randomUUID().toString(), "firstName", "No", "lastName", "Date", "dateOfBirth", "1990-01-01",
                "fundingSources", List.of("MEDICAID"), "status", "DISCHARGED")).execute(), "VALIDATION");
        assertUnchanged(enrolleeId, 0);

        discharge("admin", enrolleeId, 0, "2026-03-10", "COMPLETED", null)
                .path("dischargeEnrollee.enrollee.version").entity(Integer.class).isEqualTo(1);
        // A second discharge of the same episode, a readmission that overlaps it or is backwards, a stale version.
        assertThat(problems(expectError(discharge("admin", enrolleeId, 1, "2026-03-12", "MOVED", null),
                "VALIDATION"))).singleElement().asString().contains("already discharged on 2026-03-10");
        assertThat(problems(expectError(readmit("admin", enrolleeId, UUID.randomUUID().toString(), 1, "2026-03-10",
                "2026-03-15"), "VALIDATION"))).singleElement().asString().contains("overlaps", "2026-03-10");
        assertThat(problems(expectError(readmit("admin", enrolleeId, UUID.randomUUID().toString(), 1, "2026-03-16",
                "2026-03-15"), "VALIDATION"))).singleElement().asString().contains("before 'referredOn'");
        expectError(readmit("admin", enrolleeId, UUID.randomUUID().toString(), 0, null, "2026-03-15"), "CONFLICT");
        assertUnchanged(enrolleeId, 1);

        // The day after the discharge is the first day a readmission may start.
        readmit("admin", enrolleeId, UUID.randomUUID().toString(), 1, null, "2026-03-11")
                .path("readmitEnrollee.enrollee.status").entity(String.class).isEqualTo("ENROLLED");
    }

    // ---- fixtures ----

    private void assertUnchanged(String enrolleeId, int version) {
        supervisor("supervisor.mi").documentName("enrollee").variable("id", enrolleeId).execute()
                .path("enrollee.version").entity(Integer.class).isEqualTo(version)
                .path("enrollee.episodes[*].id").entityList(String.class).hasSize(1);
    }

    private GraphQlTester.Response discharge(String login, String enrolleeId, int version, String on, String reason,
            String note) {
        String app = login.startsWith("admin") ? "admin" : "supervisor";
        return tester(login, app).documentName("dischargeEnrollee")
                .variable("input", dischargeInput(enrolleeId, version, on, reason, note)).execute();
    }

    private static Map<String, Object> dischargeInput(String enrolleeId, int version, String on, String reason,
            String note) {
        Map<String, Object> input = new HashMap<>(Map.of("enrolleeId", enrolleeId, "expectedVersion", version,
                "dischargedOn", on, "reason", reason));
        if (note != null) {
            input.put("note", note);
        }
        return input;
    }

    private GraphQlTester.Response readmit(String login, String enrolleeId, String episodeId, int version,
            String referredOn, String enrolledOn) {
        return admin(login).documentName("readmitEnrollee")
                .variable("input", readmitInput(enrolleeId, episodeId, version, referredOn, enrolledOn)).execute();
    }

    private static Map<String, Object> readmitInput(String enrolleeId, String episodeId, int version,
            String referredOn, String enrolledOn) {
        Map<String, Object> input = new HashMap<>(Map.of("enrolleeId", enrolleeId, "episodeId", episodeId,
                "expectedVersion", version));
        if (referredOn != null) {
            input.put("referredOn", referredOn);
        }
        if (enrolledOn != null) {
            input.put("enrolledOn", enrolledOn);
        }
        return input;
    }

    /** Logs and signs a Michigan face-to-face contact of coach.mi; the signing's response. */
    private GraphQlTester.Response signed(String enrolleeId, Instant start, int minutes) {
        Map<String, Object> input = faceToFace(enrolleeId, start, minutes);
        coach("coach.mi").documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.id").hasValue();
        return coach("coach.mi").documentName("signContact")
                .variable("input", Map.of("id", input.get("id"), "expectedVersion", 0)).execute();
    }

    /** A Michigan client of coach.mi enrolled on 2026-01-01, billable on Medicaid with a general authorization. */
    private String newMichiganClient() {
        String enrolleeId = UUID.randomUUID().toString();
        admin("admin").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Episode", "lastName", "Tester", "dateOfBirth", "1984-09-30",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2026-01-01",
                "coachId", id("coach.mi"),
                "eligibility", Map.of("needsNotMetByOtherProgram", true, "criteria", List.of("DOCUMENTED_DOMAIN_NEED"),
                        "agreedToParticipate", true))).execute().path("createEnrollee.enrollee.id").hasValue();
        admin("admin").documentName("addAuthorization").variable("input", Map.of("enrolleeId", enrolleeId,
                "id", UUID.randomUUID().toString(), "kind", "GENERAL", "validFrom", "2026-01-01",
                "validTo", "2027-12-31", "unitsAuthorized", 400)).execute().path("addAuthorization.enrollee.id")
                .hasValue();
        return enrolleeId;
    }

    private static Map<String, Object> faceToFace(String enrolleeId, Instant start, int minutes) {
        return Map.of("id", UUID.randomUUID().toString(), "enrolleeId", enrolleeId, "type", "FACE_TO_FACE",
                "start", start.toString(), "end", start.plus(Duration.ofMinutes(minutes)).toString(),
                "placeOfService", "OFFICE", "activities", List.of("RECOVERY_PLANNING"),
                "supportTypes", List.of("EMOTIONAL"),
                "narrative", "Planned the move back home; practised the call to the housing office.");
    }
}

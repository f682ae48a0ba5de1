package org.peerpath.people;

import java.time.Instant;
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

/**
 * The dates createEnrollee takes, over HTTP: the referral of the first episode (issue 10, item 1: episodes have
 * one), and "today" for a birth or a referral in the organization's zone, not UTC. In an organization of its own
 * in Detroit, so the demo organizations' lists stay as they are.
 */
class EnrolleeDatesIntegrationTest extends IntegrationTest {

    /** 22:30 on 1 December in Detroit, already 2 December in UTC. */
    private static final Instant DETROIT_EVENING = Instant.parse("2026-12-02T03:30:00Z");

    @Test
    void aBirthOrAReferralTomorrowInTheOrganizationsZoneIsInTheFuture() {
        clock.pin(DETROIT_EVENING);
        String admin = detroitOrganization();
        String id = UUID.randomUUID().toString();
        assertThat(problems(expectError(create(admin, input(id, "2026-12-02", "REFERRED", "2026-12-02", null)),
                "VALIDATION"))).containsExactlyInAnyOrder("'dateOfBirth' must be a real date of birth in the past.",
                "'referredOn' must not be in the future (today is 2026-12-01).");
        expectError(record(admin, id), "NOT_FOUND");

        // Born and referred today, in Detroit.
        create(admin, input(id, "2026-12-01", "REFERRED", "2026-12-01", null))
                .path("createEnrollee.enrollee.dateOfBirth").entity(String.class).isEqualTo("2026-12-01")
                .path("createEnrollee.enrollee.episodes[0].referredOn").entity(String.class).isEqualTo("2026-12-01");
    }

    @Test
    void createEnrolleeRecordsTheReferralOfTheFirstEpisode() {
        String admin = detroitOrganization();
        String enrolled = UUID.randomUUID().toString();
        create(admin, input(enrolled, "1990-05-01", "ENROLLED", "2026-10-01", "2026-10-15"))
                .path("createEnrollee.enrollee.status").entity(String.class).isEqualTo("ENROLLED")
                .path("createEnrollee.enrollee.episodes[*].id").entityList(String.class).containsExactly(enrolled)
                .path("createEnrollee.enrollee.episodes[0].referredOn").entity(String.class).isEqualTo("2026-10-01")
                .path("createEnrollee.enrollee.episodes[0].enrolledOn").entity(String.class).isEqualTo("2026-10-15");

        String referred = UUID.randomUUID().toString();
        create(admin, input(referred, "1990-05-01", "REFERRED", "2026-11-30", null))
                .path("createEnrollee.enrollee.status").entity(String.class).isEqualTo("REFERRED")
                .path("createEnrollee.enrollee.episodes[0].referredOn").entity(String.class).isEqualTo("2026-11-30")
                .path("createEnrollee.enrollee.episodes[0].enrolledOn").valueIsNull();

        String backwards = UUID.randomUUID().toString();
        assertThat(problems(expectError(create(admin, input(backwards, "1990-05-01", "ENROLLED", "2026-10-15",
                "2026-10-01")), "VALIDATION"))).containsExactly("'enrolledOn' must not be before 'referredOn'.");
        expectError(record(admin, backwards), "NOT_FOUND");
    }

    @Test
    void aStatusWithoutItsDateOrAnEnrolmentTomorrowIsRefusedAndNothingIsWritten() {
        clock.pin(DETROIT_EVENING);
        String admin = detroitOrganization();
        String undated = UUID.randomUUID().toString();
        Map<String, Object> noReferral = input(undated, "1990-05-01", "REFERRED", "2026-11-30", null);
        noReferral.remove("referredOn");
        assertThat(problems(expectError(create(admin, noReferral), "VALIDATION")))
                .containsExactly("'referredOn' is required for a referred person.");
        expectError(record(admin, undated), "NOT_FOUND");

        // 2 December is tomorrow in Detroit, though it is already today in UTC.
        String early = UUID.randomUUID().toString();
        assertThat(problems(expectError(create(admin, input(early, "1990-05-01", "ENROLLED", "2026-11-30",
                "2026-12-02")), "VALIDATION"))).containsExactly("'enrolledOn' must not be in the future (today is "
                + "2026-12-01); create the person referred and enrol them on the day.");
        expectError(record(admin, early), "NOT_FOUND");

        create(admin, input(early, "1990-05-01", "ENROLLED", "2026-11-30", "2026-12-01"))
                .path("createEnrollee.enrollee.status").entity(String.class).isEqualTo("ENROLLED");
    }

    // ---- fixtures ----

    /** A fresh organization in Detroit; its administrator's login. */
    private String detroitOrganization() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        admin("admin").documentName("createOrganization").variable("input", Map.of("id", UUID.randomUUID().toString(),
                "name", "Dates " + suffix, "rulePack", "MI", "timeZone", "America/Detroit",
                "firstAdministrator", Map.of("id", UUID.randomUUID().toString(), "firstName", "Ada",
                        "lastName", "Admin", "authSubject", "admin." + suffix))).execute()
                .path("createOrganization.organization.id").hasValue();
        return "admin." + suffix;
    }

    private GraphQlTester.Response create(String admin, Map<String, Object> input) {
        return admin(admin).documentName("createEnrollee").variable("input", input).execute();
    }

    private GraphQlTester.Response record(String admin, String id) {
        return tester(admin, "supervisor").documentName("enrollee").variable("id", id).execute();
    }

    private static Map<String, Object> input(String id, String dateOfBirth, String status, String referredOn,
            String enrolledOn) {
        Map<String, Object> input = new HashMap<>(Map.of("id", id, "firstName", "Robin", "lastName", "Dates",
                "dateOfBirth", dateOfBirth, "fundingSources", List.of("MEDICAID"), "status", status,
                "referredOn", referredOn));
        if (enrolledOn != null) {
            input.put("enrolledOn", enrolledOn);
        }
        return input;
    }
}

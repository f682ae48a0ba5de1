package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.contacts.EnrolleeActivity.Summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;

/**
 * The enrollees' activity summaries (issue 16, item "engagement without scanning contacts"): after every contact
 * change the summary the contact log kept step by step equals the one rebuilt from the contacts (rebuild =
 * incremental), and the engagement, the supervisor's dashboard and the monthly face-to-face answer from it as
 * expected; a crash between the contact write and the summary update is repaired by
 * {@code rebuildActivitySummaries}; a void and a signing racing on one client end right. Detroit time, a fixed
 * instant, so the month end in the organization's zone is crossed where the UTC date is the same.
 */
class ActivitySummaryIntegrationTest extends AgencyTest {

    private static final String LATE = "Entered afterwards from the paper log.";

    @Autowired
    private EnrolleeActivity activity;

    @Autowired
    private FaceToFaceCalendar calendar;

    @Autowired
    private CrashPoints crashPoints;

    @Test
    void afterEveryContactChangeTheKeptSummaryEqualsTheRebuiltOneAndTheAnswersFollowIt() {
        // 10:00 in Detroit on 3 December.
        clock.pin(Instant.parse("2026-12-03T15:00:00Z"));
        Agency agency = michigan();
        String client = enrollee(agency);
        String other = enrollee(agency);
        check(agency, client, null, null, null, "DISENGAGED");

        // Two coaches, one client: the first coach's signed face-to-face in November, 23 days ago.
        String a = signNew(agency, agency.coach(), contact(client, Instant.parse("2026-11-10T14:00:00Z")));
        check(agency, client, "2026-11-10", "2026-11-10", null, "AT_RISK");

        // A draft on 1 December in Detroit (06:00 UTC is 01:00 there) counts as reaching the client, not as the
        // month's face-to-face.
        Map<String, Object> draft = contact(client, Instant.parse("2026-12-01T06:00:00Z"));
        log(agency.coach(), draft);
        String b = (String) draft.get("id");
        check(agency, client, "2026-12-01", "2026-11-10", null, "ENGAGED");

        // The client moves to the second coach, who signs a face-to-face of 20 November.
        reassign(agency, client, agency.otherCoachId());
        String c = signNew(agency, agency.otherCoach(), contact(client, Instant.parse("2026-11-20T14:00:00Z")));
        check(agency, client, "2026-12-01", "2026-11-20", null, "ENGAGED");

        // The first coach moves their draft 90 minutes earlier: the same UTC date, but 30 November in Detroit.
        coach(agency.coach()).documentName("updateContactDraft").variable("input", Map.of("id", b,
                "expectedVersion", 0, "start", "2026-12-01T04:30:00Z", "end", "2026-12-01T05:00:00Z",
                "lateEntryReason", LATE)).execute().path("updateContactDraft.contact.dateOfService")
                .entity(String.class).isEqualTo("2026-11-30");
        check(agency, client, "2026-11-30", "2026-11-20", null, "ENGAGED");
        assertThat(calendar.enrolleesSeenFaceToFace(agency.id(), List.of(client), YearMonth.of(2026, 12))).isEmpty();

        // ... and signs it: November's last face-to-face.
        sign(agency.coach(), b, 1);
        check(agency, client, "2026-11-30", "2026-11-30", null, "ENGAGED");

        // The second coach's face-to-face of 2 December: December's, November's kept beside it.
        String d = signNew(agency, agency.otherCoach(), contact(client, Instant.parse("2026-12-02T15:00:00Z")));
        check(agency, client, "2026-12-02", "2026-12-02", "2026-11-30", "ENGAGED");
        assertThat(calendar.enrolleesSeenFaceToFace(agency.id(), List.of(client, other), YearMonth.of(2026, 12)))
                .containsExactly(client);
        assertThat(calendar.enrolleesSeenFaceToFace(agency.id(), List.of(client, other), YearMonth.of(2026, 11)))
                .containsExactly(client);

        // The latest contact is voided: the summary goes back to what the other contacts say.
        voidContact(agency.otherCoach(), d, 1);
        check(agency, client, "2026-11-30", "2026-11-30", null, "ENGAGED");
        assertThat(calendar.enrolleesSeenFaceToFace(agency.id(), List.of(client), YearMonth.of(2026, 12))).isEmpty();

        // An amendment changes a signed contact's end, never its date of service: the summary stays.
        coach(agency.coach()).documentName("amendContact").variable("input", Map.of("id", b, "expectedVersion", 2,
                "addendumId", UUID.randomUUID().toString(), "reason", "Wrong end time", "text", "It ran longer.",
                "end", "2026-12-01T05:15:00Z")).execute().path("amendContact.contact.id").hasValue();
        check(agency, client, "2026-11-30", "2026-11-30", null, "ENGAGED");

        // 20 December: 20 days without contact, at risk; a readmission starts the count again.
        clock.pin(Instant.parse("2026-12-20T15:00:00Z"));
        check(agency, client, "2026-11-30", "2026-11-30", null, "AT_RISK");
        admin(agency.admin()).documentName("dischargeEnrollee").variable("input", Map.of("enrolleeId", client,
                "expectedVersion", enrolleeVersion(agency, client), "dischargedOn", "2026-12-19",
                "reason", "DECLINED")).execute().path("dischargeEnrollee.enrollee.id").hasValue();
        admin(agency.admin()).documentName("readmitEnrollee").variable("input", Map.of("enrolleeId", client,
                "episodeId", UUID.randomUUID().toString(), "expectedVersion", enrolleeVersion(agency, client),
                "enrolledOn", "2026-12-20")).execute().path("readmitEnrollee.enrollee.id").hasValue();
        check(agency, client, "2026-11-30", "2026-11-30", null, "ENGAGED");
        assertThat(a).isNotEqualTo(c);

        // The other client was never reached: nothing kept, nothing to rebuild.
        assertThat(activity.of(List.of(other)).get(other)).isEqualTo(Summary.NONE);
        assertThat(rebuild(agency)).isEmpty();
    }

    @Test
    void aCrashBetweenTheContactWriteAndTheSummaryIsRepairedByTheRebuild() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = enrollee(agency);
        String earlier = signNew(agency, agency.coach(), contact(client, at.minus(Duration.ofDays(1))));
        LocalDate earlierDay = dayOf(earlier, agency);

        // Signed, but the process died before the summary: it still says the earlier contact.
        Map<String, Object> later = contact(client, at);
        log(agency.coach(), later);
        String laterId = (String) later.get("id");
        crashPoints.armBeforeActivity(laterId);
        expectError(coach(agency.coach()).documentName("signContact").variable("input", Map.of("id", laterId,
                "expectedVersion", 0, "lateEntryReason", LATE)).execute(), "INTERNAL");
        LocalDate laterDay = dayOf(laterId, agency);
        assertThat(laterDay).isAfter(earlierDay);
        assertThat(activity.of(List.of(client)).get(client).lastFaceToFaceOn()).isEqualTo(earlierDay);

        List<Map<String, Object>> rebuilt = rebuild(agency);
        assertThat(rebuilt).singleElement().satisfies(r -> {
            assertThat(r.get("enrolleeId")).isEqualTo(client);
            assertThat(r.get("lastFaceToFaceOn")).isEqualTo(laterDay.toString());
            assertThat(r.get("lastContactOn")).isEqualTo(laterDay.toString());
        });
        assertKeptEqualsRebuilt(client);
        engagement(agency, client).path("engagement.lastFaceToFaceOn").entity(String.class)
                .isEqualTo(laterDay.toString());

        // Voided, but the process died before the summary: it still says the voided contact.
        crashPoints.armBeforeActivity(laterId);
        expectError(coach(agency.coach()).documentName("voidContact").variable("input", Map.of("id", laterId,
                "expectedVersion", 1, "reason", "Logged for the wrong client")).execute(), "INTERNAL");
        assertThat(activity.of(List.of(client)).get(client).lastContactOn()).isEqualTo(laterDay);
        assertThat(rebuild(agency)).singleElement().satisfies(r -> assertThat(r.get("lastContactOn"))
                .isEqualTo(earlierDay.toString()));
        assertKeptEqualsRebuilt(client);

        // Each repair is on the client's audit trail, by the administrator; a second run finds nothing.
        assertThat(auditTrail(agency.supervisor(), client)).filteredOn(e -> e.startsWith("rebuildActivitySummaries/"))
                .hasSize(2);
        assertThat(rebuild(agency)).isEmpty();
    }

    @Test
    void onlyAdministratorsRebuildAndOnlyTheirOwnOrganization() {
        pinNowAndServiceDay();
        Agency agency = michigan();
        Agency another = michigan();
        String client = enrollee(another);
        signNew(another, another.coach(), contact(client, clock.instant().minus(Duration.ofDays(1))));
        expectError(tester(agency.supervisor(), "admin").documentName("rebuildActivitySummaries").execute(),
                "FORBIDDEN");
        expectError(tester(agency.coach(), "admin").documentName("rebuildActivitySummaries").execute(), "FORBIDDEN");
        admin(agency.admin()).documentName("rebuildActivitySummaries").execute()
                .path("rebuildActivitySummaries.enrolleesChecked").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void aVoidAndASigningRacingOnOneClientEndRight() throws Exception {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = enrollee(agency);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                // The latest contact (signed) and an earlier draft: voiding the one while signing the other.
                Instant day = at.minus(Duration.ofDays(8L - 2 * round));
                Map<String, Object> draft = contact(client, day.minus(Duration.ofHours(3)));
                log(agency.coach(), draft);
                String latest = signNew(agency, agency.coach(), contact(client, day));
                String draftId = (String) draft.get("id");
                List<Callable<Object>> racing = List.of(() -> voidContact(agency.coach(), latest, 1),
                        () -> sign(agency.coach(), draftId, 0));
                for (Future<Object> done : pool.invokeAll(racing)) {
                    done.get();
                }
                Summary kept = assertKeptEqualsRebuilt(client);
                assertThat(kept.lastFaceToFaceOn()).isEqualTo(dayOf(draftId, agency));
                assertThat(kept.lastContactOn()).isEqualTo(dayOf(draftId, agency));
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(rebuild(agency)).isEmpty();
    }

    // ---- helpers ----

    /**
     * The kept summary equals the one rebuilt from the contacts and the expected dates; the engagement and the
     * dashboard (clients needing outreach) answer from it.
     */
    private void check(Agency agency, String client, String lastContact, String lastFaceToFace,
            String earlierFaceToFace, String status) {
        Summary kept = assertKeptEqualsRebuilt(client);
        assertThat(kept).isEqualTo(new Summary(date(lastContact), date(lastFaceToFace), date(earlierFaceToFace)));
        GraphQlTester.Response engagement = engagement(agency, client);
        engagement.path("engagement.status").entity(String.class).isEqualTo(status);
        assertDate(engagement, "engagement.lastContactOn", lastContact);
        assertDate(engagement, "engagement.lastFaceToFaceOn", lastFaceToFace);
        List<String> needing = supervisor(agency.supervisor()).documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.clientsNeedingOutreachPage.edges[*].node.enrollee.id")
                .entityList(String.class).get();
        if (status.equals("ENGAGED")) {
            assertThat(needing).doesNotContain(client);
        }
        else {
            assertThat(needing).contains(client);
        }
        assertThat(rebuild(agency)).isEmpty();
    }

    private static void assertDate(GraphQlTester.Response response, String path, String expected) {
        if (expected == null) {
            response.path(path).valueIsNull();
        }
        else {
            response.path(path).entity(String.class).isEqualTo(expected);
        }
    }

    private Summary assertKeptEqualsRebuilt(String client) {
        Summary kept = activity.of(List.of(client)).get(client);
        assertThat(kept).as("incremental = rebuilt").isEqualTo(activity.fromContacts(client));
        return kept;
    }

    private List<Map<String, Object>> rebuild(Agency agency) {
        return admin(agency.admin()).documentName("rebuildActivitySummaries").execute()
                .path("rebuildActivitySummaries.rebuilt").entity(new ParameterizedTypeReference<
                        List<Map<String, Object>>>() {
                }).get();
    }

    private GraphQlTester.Response engagement(Agency agency, String client) {
        return supervisor(agency.supervisor()).documentName("engagement").variable("enrolleeId", client).execute();
    }

    private long enrolleeVersion(Agency agency, String client) {
        return supervisor(agency.supervisor()).documentName("enrollee").variable("id", client).execute()
                .path("enrollee.version").entity(Long.class).get();
    }

    private LocalDate dayOf(String contactId, Agency agency) {
        return LocalDate.parse(coach(agency.coach()).documentName("contact").variable("id", contactId)
                .execute().path("contact.dateOfService").entity(String.class).get());
    }

    private static LocalDate date(String date) {
        return date == null ? null : LocalDate.parse(date);
    }

    /** A face-to-face with the client; back-dated contacts carry the late-entry reason. */
    private static Map<String, Object> contact(String client, Instant start) {
        Map<String, Object> input = new HashMap<>(faceToFace(client, start, 30));
        input.put("lateEntryReason", LATE);
        return input;
    }

    private void log(String login, Map<String, Object> input) {
        coach(login).documentName("logContact").variable("input", input).execute().path("logContact.contact.id")
                .hasValue();
    }

    private String signNew(Agency agency, String login, Map<String, Object> input) {
        log(login, input);
        sign(login, (String) input.get("id"), 0);
        return (String) input.get("id");
    }

    private Object sign(String login, String contactId, long expectedVersion) {
        coach(login).documentName("signContact").variable("input", Map.of("id", contactId,
                "expectedVersion", expectedVersion, "lateEntryReason", LATE)).execute()
                .path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED");
        return contactId;
    }

    private Object voidContact(String login, String contactId, long expectedVersion) {
        coach(login).documentName("voidContact").variable("input", Map.of("id", contactId,
                "expectedVersion", expectedVersion, "reason", "Logged twice")).execute()
                .path("voidContact.contact.status").entity(String.class).isEqualTo("VOIDED");
        return contactId;
    }
}

package org.peerpath.outreach;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.IntegrationTest;
import org.peerpath.contacts.EnrolleeActivity;
import org.peerpath.contacts.ScaleContacts;
import org.peerpath.database.CommandCounter;
import org.peerpath.people.Enrollee;
import org.peerpath.people.FundingSource;
import org.peerpath.people.ProgramStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;

/**
 * Re-engagement outreach over HTTP with real tokens, in organizations created for each test (Detroit time), so
 * thresholds and lists are deterministic: engagement, the job (zones, month ends, restarts, two instances at once),
 * attempts and consent, closing by a signed contact, escalation, the supervisor's dashboard and its constant
 * number of database commands, and every refusal.
 */
class OutreachIntegrationTest extends IntegrationTest {

    private static final ZoneId DETROIT = ZoneId.of("America/Detroit");

    @Autowired
    OutreachTasks tasks;

    @Autowired
    MongoTemplate mongo;

    /** A fresh Michigan organization with a supervisor, two coaches and their logins. */
    record Agency(String id, String admin, String supervisor, String coach, String coachId, String otherCoach,
            String otherCoachId) {
    }

    private Agency agency() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String orgId = UUID.randomUUID().toString();
        admin("admin").documentName("createOrganization").variable("input", Map.of("id", orgId,
                "name", "Outreach " + suffix, "rulePack", "MI", "timeZone", "America/Detroit",
                "firstAdministrator", Map.of("id", UUID.randomUUID().toString(), "firstName", "Ada",
                        "lastName", "Admin", "authSubject", "admin." + suffix))).execute()
                .path("createOrganization.organization.id").hasValue();
        String supervisorId = staff("admin." + suffix, "SUPERVISOR", "supervisor." + suffix, null);
        String coachId = staff("admin." + suffix, "RECOVERY_COACH", "coach." + suffix, supervisorId);
        String otherCoachId = staff("admin." + suffix, "RECOVERY_COACH", "coach2." + suffix, supervisorId);
        return new Agency(orgId, "admin." + suffix, "supervisor." + suffix, "coach." + suffix, coachId,
                "coach2." + suffix, otherCoachId);
    }

    private String staff(String admin, String role, String login, String supervisorId) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> input = new HashMap<>(Map.of("id", id, "firstName", role.substring(0, 4),
                "lastName", login, "role", role, "authSubject", login));
        if (supervisorId != null) {
            input.put("supervisorId", supervisorId);
        }
        admin(admin).documentName("createStaffMember").variable("input", input).execute()
                .path("createStaffMember.staffMember.id").hasValue();
        return id;
    }

    /** An enrollee of the agency's coach, enrolled long ago, with one emergency contact. */
    private String enrollee(Agency agency, String lastName) {
        String id = UUID.randomUUID().toString();
        admin(agency.admin()).documentName("createEnrollee").variable("input", Map.of("id", id,
                "firstName", "Client", "lastName", lastName, "dateOfBirth", "1985-04-12",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2025-01-01",
                "coachId", agency.coachId(),
                "emergencyContacts", List.of(Map.of("id", UUID.randomUUID().toString(), "name", "Pat Rivers",
                        "relationship", "sibling", "phone", "+1-555-0110")))).execute()
                .path("createEnrollee.enrollee.id").hasValue();
        return id;
    }

    /** The client's history is entered after the fact: a late entry needs a reason (issue 11, item 7). */
    private static final String BACK_DATED = "Entered afterwards from the paper log.";

    /**
     * A face-to-face draft with the client {@code daysAgo} days and one hour before the clock's now, so it is in
     * the past at any hour; its id.
     */
    private String draft(Agency agency, String enrolleeId, int daysAgo) {
        Instant start = clock.instant().minus(Duration.ofDays(daysAgo)).minus(Duration.ofHours(1));
        String id = UUID.randomUUID().toString();
        coach(agency.coach()).documentName("logContact").variable("input", Map.of("id", id, "enrolleeId", enrolleeId,
                "type", "FACE_TO_FACE", "start", start.toString(),
                "end", start.plus(Duration.ofMinutes(30)).toString(), "placeOfService", "COMMUNITY",
                "activities", List.of("RECOVERY_PLANNING"), "supportTypes", List.of("EMOTIONAL"),
                "narrative", "Met at the library.", "lateEntryReason", BACK_DATED)).execute()
                .path("logContact.contact.id").hasValue();
        return id;
    }

    /** A face-to-face draft with the client at noon (Detroit) on {@code day}. */
    private void draftOn(Agency agency, String enrolleeId, LocalDate day) {
        Instant start = day.atTime(12, 0).atZone(DETROIT).toInstant();
        coach(agency.coach()).documentName("logContact").variable("input", Map.of("id", UUID.randomUUID().toString(),
                "enrolleeId", enrolleeId, "type", "FACE_TO_FACE", "start", start.toString(),
                "end", start.plus(Duration.ofMinutes(30)).toString(), "placeOfService", "COMMUNITY",
                "activities", List.of("RECOVERY_PLANNING"), "supportTypes", List.of("EMOTIONAL"),
                "narrative", "Met at the library.", "lateEntryReason", BACK_DATED)).execute()
                .path("logContact.contact.id").hasValue();
    }

    /**
     * A 10-unit authorization covering today with 9 units used. The ledger is written directly: the agency's
     * new coach has no certification, so its signed contacts would not be billable and would use no units.
     */
    private void authorizationNearLimit(Agency agency, String enrolleeId) {
        String authorizationId = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(clock.withZone(DETROIT));
        admin(agency.admin()).documentName("addAuthorization").variable("input", Map.of("enrolleeId", enrolleeId,
                "id", authorizationId, "kind", "GENERAL", "validFrom", today.minusMonths(6).toString(),
                "validTo", today.plusMonths(6).toString(), "unitsAuthorized", 10)).execute()
                .path("addAuthorization.enrollee.id").hasValue();
        mongo.getCollection("unitLedgers").insertOne(new Document("_id", enrolleeId).append("entries", List.of(
                new Document("contactId", UUID.randomUUID().toString())
                        .append("dateOfService", mongo.getConverter().convertToMongoType(today.minusDays(1)))
                        .append("units", 9).append("authorizationId", authorizationId)))
                .append("version", 1L));
    }

    private GraphQlTester.Response engagement(String login, String enrolleeId) {
        return coach(login).documentName("engagement").variable("enrolleeId", enrolleeId).execute();
    }

    private List<String> openTaskIds(Agency agency, String enrolleeId) {
        return coach(agency.coach()).documentName("myOutreachTasks").execute()
                .path("myOutreachTasks[?(@.enrolleeId == '" + enrolleeId + "')].id").entityList(String.class).get();
    }

    @Test
    void engagementFollowsTheLastContactWithTheClient() {
        Agency agency = agency();
        String engaged = enrollee(agency, "Engaged");
        String atRisk = enrollee(agency, "AtRisk");
        String lost = enrollee(agency, "Lost");
        draft(agency, engaged, 2);
        draft(agency, atRisk, 20);
        draft(agency, lost, 40);

        engagement(agency.coach(), engaged).path("engagement.status").entity(String.class).isEqualTo("ENGAGED");
        engagement(agency.coach(), atRisk).path("engagement.status").entity(String.class).isEqualTo("AT_RISK");
        // Drafts count for engagement (the coach did reach the client), not as the monthly face-to-face (Michigan
        // XI.E counts signed services only).
        engagement(agency.coach(), lost).path("engagement.status").entity(String.class).isEqualTo("DISENGAGED")
                .path("engagement.lastContactOn").hasValue().path("engagement.lastFaceToFaceOn").valueIsNull();

        coach(agency.coach()).documentName("myAtRiskClients").execute()
                .path("myAtRiskClients[*].enrollee.id").entityList(String.class).containsExactly(lost, atRisk)
                .path("myAtRiskClients[0].coach.id").entity(String.class).isEqualTo(agency.coachId());
        supervisor(agency.supervisor()).documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.clientsNeedingOutreachPage.edges[*].node.enrollee.id")
                .entityList(String.class).containsExactly(lost, atRisk)
                .path("supervisorDashboard.clientsNeedingOutreachPage.totalCount").entity(Integer.class).isEqualTo(2);
    }

    @Test
    void theJobOpensOneTaskPerEpisodeWhateverTheRestartsOrInstances() throws Exception {
        // 03:30 UTC is 22:30 the evening before in Detroit: the hour at which the UTC date and the organization's
        // date differ (issue 9). The contact is dated in Detroit, ten days before Detroit's today.
        clock.pin(Instant.parse("2026-12-02T03:30:00Z"));
        Agency agency = agency();
        String client = enrollee(agency, "Lost");
        LocalDate contactDay = LocalDate.now(clock.withZone(DETROIT)).minusDays(10);
        assertThat(contactDay).isEqualTo(LocalDate.parse("2026-11-21"));
        draftOn(agency, client, contactDay);
        // Contact day + 31 days. At 02:00 UTC that day it is still the evening before in Detroit (30 days: not
        // yet disengaged); at 06:00 UTC Detroit has reached day 31.
        Instant beforeInDetroit = contactDay.plusDays(31).atStartOfDay(ZoneId.of("UTC")).plusHours(2).toInstant();
        Instant afterInDetroit = beforeInDetroit.plus(Duration.ofHours(4));
        tasks.openTasksForNewlyDisengaged(beforeInDetroit);
        assertThat(openTaskIds(agency, client)).isEmpty();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> twoInstances = List.of(() -> tasks.openTasksForNewlyDisengaged(afterInDetroit),
                    () -> tasks.openTasksForNewlyDisengaged(afterInDetroit));
            for (Future<Integer> run : pool.invokeAll(twoInstances)) {
                run.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        tasks.openTasksForNewlyDisengaged(afterInDetroit.plus(Duration.ofHours(1))); // after a restart
        List<String> ids = openTaskIds(agency, client);
        assertThat(ids).hasSize(1);
        coach(agency.coach()).documentName("outreachTask").variable("id", ids.get(0)).execute()
                .path("outreachTask.origin").entity(String.class).isEqualTo("DISENGAGED")
                .path("outreachTask.coach.id").entity(String.class).isEqualTo(agency.coachId())
                .path("outreachTask.dueOn").entity(String.class).isEqualTo(contactDay.plusDays(34).toString());

        // Closed as unable to reach: the same episode never gets a second task.
        coach(agency.coach()).documentName("closeOutreachTask").variable("input", Map.of("taskId", ids.get(0),
                "outcome", "UNABLE_TO_REACH", "reason", "No phone, no address")).execute()
                .path("closeOutreachTask.task.status").entity(String.class).isEqualTo("CLOSED");
        tasks.openTasksForNewlyDisengaged(afterInDetroit.plus(Duration.ofDays(2)));
        assertThat(openTaskIds(agency, client)).isEmpty();
    }

    @Test
    void theJobOpensTheTaskOnTheLocalLastDayOfTheMonthWhileUtcIsAlreadyInTheNext() {
        // November 2026 ends in Detroit while UTC is already in December. The clock stands on December 2nd, after
        // every run below; the client was last seen 31 days before November 30th: the 30-day threshold is
        // crossed on that last day, local time.
        clock.pin(Instant.parse("2026-12-02T15:00:00Z"));
        Agency agency = agency();
        String client = enrollee(agency, "MonthEnd");
        LocalDate lastDay = YearMonth.of(2026, 11).atEndOfMonth();
        draftOn(agency, client, lastDay.minusDays(31));

        // 23:30 the evening before in Detroit: UTC already says the last day, Detroit has 30 days: not yet.
        Instant eveningBefore = lastDay.minusDays(1).atTime(23, 30).atZone(DETROIT).toInstant();
        assertThat(eveningBefore.atZone(ZoneId.of("UTC")).toLocalDate()).isEqualTo(lastDay);
        tasks.openTasksForNewlyDisengaged(eveningBefore);
        assertThat(openTaskIds(agency, client)).isEmpty();

        // 23:30 on the last day in Detroit: UTC is already on the first of the next month.
        ZonedDateTime lastEvening = lastDay.atTime(23, 30).atZone(DETROIT);
        Instant now = lastEvening.toInstant();
        assertThat(YearMonth.from(now.atZone(ZoneId.of("UTC")))).isEqualTo(YearMonth.from(lastDay).plusMonths(1));
        tasks.openTasksForNewlyDisengaged(now);
        List<String> ids = openTaskIds(agency, client);
        assertThat(ids).hasSize(1);
        coach(agency.coach()).documentName("outreachTask").variable("id", ids.get(0)).execute()
                .path("outreachTask.origin").entity(String.class).isEqualTo("DISENGAGED")
                .path("outreachTask.openedOn").entity(String.class).isEqualTo(lastDay.toString())
                .path("outreachTask.dueOn").entity(String.class).isEqualTo(lastDay.plusDays(3).toString());

        // The next instant, and the first of the month in Detroit: the same episode, nothing more.
        tasks.openTasksForNewlyDisengaged(now.plusMillis(1));
        tasks.openTasksForNewlyDisengaged(lastDay.plusDays(1).atTime(0, 30).atZone(DETROIT).toInstant());
        assertThat(openTaskIds(agency, client)).containsExactlyElementsOf(ids);
    }

    /**
     * The job walks the organization's clients in pages (issue 16), here two at a time: every disengaged client
     * gets one task, a client whose task a coach opened by hand keeps that one, engaged clients get none, and two
     * instances at once, then a restart, open nothing twice.
     */
    @Test
    void theJobWalksClientsInPagesAndOpensEachTaskOnce() throws Exception {
        Agency agency = agency();
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lost.add(enrollee(agency, "Lost" + i));
            draft(agency, lost.get(i), 40);
        }
        for (int i = 0; i < 2; i++) {
            draft(agency, enrollee(agency, "Engaged" + i), 2);
        }
        coach(agency.coach()).documentName("openOutreachTask").variable("input", Map.of("id",
                UUID.randomUUID().toString(), "enrolleeId", lost.get(0), "note", "Called twice already")).execute()
                .path("openOutreachTask.task.origin").entity(String.class).isEqualTo("BY_HAND");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> twoInstances = List.of(() -> tasks.openTasksForNewlyDisengaged(clock.instant(), 2),
                    () -> tasks.openTasksForNewlyDisengaged(clock.instant(), 2));
            for (Future<Integer> run : pool.invokeAll(twoInstances)) {
                run.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        tasks.openTasksForNewlyDisengaged(clock.instant(), 2); // after a restart
        List<Document> opened = mongo.find(Query.query(
                Criteria.where("organizationId").is(agency.id())),
                Document.class, "outreachTasks");
        assertThat(opened).extracting(task -> task.getString("enrolleeId"))
                .containsExactlyInAnyOrderElementsOf(lost);
        assertThat(opened).filteredOn(task -> "DISENGAGED".equals(task.getString("origin")))
                .extracting(task -> task.getString("enrolleeId")).containsExactlyInAnyOrderElementsOf(lost.subList(1, 5));
    }

    @Test
    void aSignedContactWithTheClientClosesTheTaskAsReEngaged() {
        // 22:30 the evening before in Detroit, when coaches finish their notes: the UTC date is already the next
        // day (this failed before issue 9 between 00:00 and 04:00 UTC).
        clock.pin(Instant.parse("2026-12-02T03:30:00Z"));
        Agency agency = agency();
        String client = enrollee(agency, "Returning");
        draft(agency, client, 45);
        tasks.openTasksForNewlyDisengaged(clock.instant());
        String taskId = openTaskIds(agency, client).get(0);

        String contactId = draft(agency, client, 0);
        coach(agency.coach()).documentName("signContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 0)).execute().path("signContact.contact.status").entity(String.class)
                .isEqualTo("SIGNED");

        coach(agency.coach()).documentName("outreachTask").variable("id", taskId).execute()
                .path("outreachTask.status").entity(String.class).isEqualTo("CLOSED")
                .path("outreachTask.outcome").entity(String.class).isEqualTo("RE_ENGAGED")
                .path("outreachTask.closedByContactId").entity(String.class).isEqualTo(contactId);
        engagement(agency.coach(), client).path("engagement.status").entity(String.class).isEqualTo("ENGAGED");
    }

    @Test
    void attemptsThroughFamilyWithoutConsentAreKeptAndFlagged() {
        Agency agency = agency();
        String client = enrollee(agency, "Family");
        String taskId = UUID.randomUUID().toString();
        Map<String, Object> open = Map.of("id", taskId, "enrolleeId", client, "note", "Missed two groups");
        coach(agency.coach()).documentName("openOutreachTask").variable("input", open).execute()
                .path("openOutreachTask.task.origin").entity(String.class).isEqualTo("BY_HAND");
        coach(agency.coach()).documentName("openOutreachTask").variable("input", open).execute()
                .path("openOutreachTask.task.id").entity(String.class).isEqualTo(taskId);
        expectError(coach(agency.coach()).documentName("openOutreachTask").variable("input", Map.of(
                "id", UUID.randomUUID().toString(), "enrolleeId", client)).execute(), "CONFLICT");

        Map<String, Object> family = Map.of("taskId", taskId, "id", UUID.randomUUID().toString(),
                "method", "FAMILY", "outcome", "LEFT_MESSAGE", "personContacted", "Jordan Unknown",
                "at", clock.instant().minusSeconds(600).toString(), "notes", "Left word with the cousin.");
        coach(agency.coach()).documentName("recordOutreachAttempt").variable("input", family).execute()
                .path("recordOutreachAttempt.task.attempts[0].flaggedForReview").entity(Boolean.class).isEqualTo(true)
                .path("recordOutreachAttempt.task.attempts[0].consentReason").entity(String.class)
                .isEqualTo("NO_CONSENT");
        coach(agency.coach()).documentName("recordOutreachAttempt").variable("input", family).execute()
                .path("recordOutreachAttempt.task.attemptCount").entity(Integer.class).isEqualTo(1);
        coach(agency.coach()).documentName("recordOutreachAttempt").variable("input", Map.of("taskId", taskId,
                "id", UUID.randomUUID().toString(), "method", "PHONE", "outcome", "NO_ANSWER",
                "at", clock.instant().minusSeconds(60).toString())).execute()
                .path("recordOutreachAttempt.task.attemptCount").entity(Integer.class).isEqualTo(2)
                .path("recordOutreachAttempt.task.attempts[1].flaggedForReview").entity(Boolean.class).isEqualTo(false);
        expectError(coach(agency.coach()).documentName("recordOutreachAttempt").variable("input", Map.of(
                "taskId", taskId, "id", UUID.randomUUID().toString(), "method", "EMERGENCY_CONTACT",
                "outcome", "NO_ANSWER", "at", clock.instant().minusSeconds(60).toString())).execute(), "VALIDATION");

        expectError(coach(agency.coach()).documentName("closeOutreachTask").variable("input", Map.of(
                "taskId", taskId, "outcome", "RE_ENGAGED", "reason", "Saw them")).execute(), "VALIDATION");
        coach(agency.coach()).documentName("closeOutreachTask").variable("input", Map.of("taskId", taskId,
                "outcome", "DECLINED", "reason", "Asked for no more calls")).execute()
                .path("closeOutreachTask.task.outcome").entity(String.class).isEqualTo("DECLINED")
                .path("closeOutreachTask.task.closeReason").entity(String.class).isEqualTo("Asked for no more calls");
    }

    @Test
    void overdueTasksEscalateToTheSupervisorOnce() {
        Agency agency = agency();
        String client = enrollee(agency, "Overdue");
        draft(agency, client, 60);
        Instant tenDaysAgo = clock.instant().minus(Duration.ofDays(10));
        tasks.openTasksForNewlyDisengaged(tenDaysAgo);
        String taskId = openTaskIds(agency, client).get(0);
        assertThat(tasks.escalateOverdue(clock.instant())).isPositive();
        assertThat(tasks.escalateOverdue(clock.instant())).isZero();

        supervisor(agency.supervisor()).documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.overdueOutreachTasksPage.edges[*].node.id").entityList(String.class)
                .containsExactly(taskId)
                .path("supervisorDashboard.overdueOutreachTasksPage.totalCount").entity(Integer.class).isEqualTo(1)
                .path("supervisorDashboard.overdueOutreachTasksPage.edges[0].node.escalated").entity(Boolean.class)
                .isEqualTo(true)
                .path("supervisorDashboard.overdueOutreachTasksPage.edges[0].node.escalatedAt").hasValue()
                .path("supervisorDashboard.clientsNeedingOutreachPage.edges[0].node.openTask.id").entity(String.class)
                .isEqualTo(taskId)
                .path("supervisorDashboard.unsignedDrafts[*].enrolleeId").entityList(String.class).contains(client);
        coach(agency.coach()).documentName("myOutreachToday").execute()
                .path("myOutreachToday[*].id").entityList(String.class).containsExactly(taskId);
    }

    @Test
    void othersSeeNothingOfTheTasks() {
        Agency agency = agency();
        String client = enrollee(agency, "Private");
        String taskId = UUID.randomUUID().toString();
        coach(agency.coach()).documentName("openOutreachTask").variable("input", Map.of("id", taskId,
                "enrolleeId", client)).execute().path("openOutreachTask.task.id").hasValue();

        expectError(engagement(agency.otherCoach(), client), "NOT_FOUND");
        expectError(coach(agency.otherCoach()).documentName("outreachTask").variable("id", taskId).execute(),
                "NOT_FOUND");
        expectError(coach(agency.otherCoach()).documentName("recordOutreachAttempt").variable("input", Map.of(
                "taskId", taskId, "id", UUID.randomUUID().toString(), "method", "PHONE", "outcome", "NO_ANSWER",
                "at", clock.instant().minusSeconds(60).toString())).execute(), "NOT_FOUND");
        expectError(supervisor("supervisor.mi").documentName("outreachTask").variable("id", taskId).execute(),
                "NOT_FOUND");
        expectError(tester(agency.coach(), "supervisor").documentName("supervisorDashboard").execute(),
                "FORBIDDEN");
        expectError(tester(agency.supervisor(), "coach").documentName("myOutreachTasks").execute(), "FORBIDDEN");
        List<String> seenByOtherOrg = supervisor("supervisor.mi").documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.clientsNeedingOutreachPage.edges[*].node.enrollee.id")
                .entityList(String.class).get();
        assertThat(seenByOtherOrg).doesNotContain(client);
    }

    /**
     * The dashboard's lists answer a count and a page (issue 16): read two at a time, the pages hold every client
     * needing outreach once, in the list's order, and each page's audit names only the clients it answered.
     */
    @Test
    void theDashboardListsAnswerACountAndPages() {
        Agency agency = agency();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String client = enrollee(agency, "Paged" + i);
            draft(agency, client, 50 - i); // the longest without contact first: Paged0, Paged1, ...
            expected.add(client);
        }
        draft(agency, enrollee(agency, "Engaged"), 1);
        List<String> seen = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 3; page++) {
            Map<String, Object> variables = new HashMap<>(Map.of("first", 2));
            if (after != null) {
                variables.put("clientsAfter", after);
            }
            GraphQlTester.Response response = supervisor(agency.supervisor()).documentName("supervisorDashboard")
                    .variables(variables).execute();
            response.path("supervisorDashboard.clientsNeedingOutreachPage.totalCount").entity(Integer.class)
                    .isEqualTo(5);
            List<String> ids = response.path("supervisorDashboard.clientsNeedingOutreachPage.edges[*].node.enrollee.id")
                    .entityList(String.class).get();
            assertThat(ids).hasSize(page < 2 ? 2 : 1);
            response.path("supervisorDashboard.clientsNeedingOutreachPage.pageInfo.hasNextPage").entity(Boolean.class)
                    .isEqualTo(page < 2);
            after = response.path("supervisorDashboard.clientsNeedingOutreachPage.pageInfo.endCursor")
                    .entity(String.class).get();
            seen.addAll(ids);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        // The first page's audit names its two clients; the fifth was read on the last page only (in one event
        // per request, which names each of the dashboard's lists that showed the client).
        assertThat(auditTrail(agency.supervisor(), expected.get(4)).stream()
                .filter(e -> List.of(e.substring(0, e.indexOf('/')).split(", ")).contains("clientsNeedingOutreach"))
                .count()).isEqualTo(1);
        expectError(supervisor(agency.supervisor()).documentName("supervisorDashboard")
                .variable("clientsAfter", "not-a-cursor").execute(), "VALIDATION");
    }

    /**
     * The limits near use and the certifications ending soon answer a count and pages too (issues 16 and 19): read
     * two at a time, the pages hold every row once, in the list's order; a foreign cursor is VALIDATION.
     */
    @Test
    void limitsNearUseAndExpiringCertificationsAnswerACountAndPages() {
        Agency agency = agency();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String client = enrollee(agency, "Limit" + i);
            authorizationNearLimit(agency, client);
            clients.add(client);
        }
        enrollee(agency, "Unused"); // no ledger: nothing used, not near a limit
        LocalDate today = LocalDate.now(clock.withZone(DETROIT));
        List<String> certificates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String number = "CERT-" + i;
            admin(agency.admin()).documentName("addCertification").variable("input", Map.of(
                    "staffMemberId", agency.coachId(), "id", UUID.randomUUID().toString(),
                    "type", "PEER_RECOVERY_COACH_TRAINING", "number", number, "issuingState", "MI",
                    "validFrom", today.minusYears(1).toString(), "validTo", today.plusDays(10 + i).toString()))
                    .execute().path("addCertification.staffMember.id").hasValue();
            certificates.add(number);
        }
        admin(agency.admin()).documentName("addCertification").variable("input", Map.of(
                "staffMemberId", agency.coachId(), "id", UUID.randomUUID().toString(), "type", "CPR",
                "number", "LATER", "issuingState", "MI", "validFrom", today.minusYears(1).toString(),
                "validTo", today.plusDays(90).toString())).execute().path("addCertification.staffMember.id")
                .hasValue();

        assertThat(pages(agency, "unitsNearLimitPage", "limitsAfter", "enrollee.lastName", 5))
                .containsExactly("Limit0", "Limit1", "Limit2", "Limit3", "Limit4");
        assertThat(pages(agency, "expiringCertificationsPage", "certificationsAfter", "number", 5))
                .containsExactlyElementsOf(certificates);
        assertThat(auditTrail(agency.supervisor(), clients.get(4)).stream()
                .filter(e -> e.startsWith("unitsNearLimit/")).count()).isEqualTo(1);
        expectError(supervisor(agency.supervisor()).documentName("supervisorDashboard")
                .variable("limitsAfter", "not-a-cursor").execute(), "VALIDATION");
        expectError(supervisor(agency.supervisor()).documentName("supervisorDashboard")
                .variable("certificationsAfter", "not-a-cursor").execute(), "VALIDATION");
    }

    /** Every node's {@code field} of the dashboard's {@code connection}, read two at a time, {@code total} in all. */
    private List<String> pages(Agency agency, String connection, String afterVariable, String field, int total) {
        String at = "supervisorDashboard." + connection;
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = (total + 1) / 2;
        for (int page = 0; page < pages; page++) {
            Map<String, Object> variables = new HashMap<>(Map.of("first", 2));
            if (after != null) {
                variables.put(afterVariable, after);
            }
            GraphQlTester.Response response = supervisor(agency.supervisor()).documentName("supervisorDashboard")
                    .variables(variables).execute();
            response.path(at + ".totalCount").entity(Integer.class).isEqualTo(total);
            List<String> values = response.path(at + ".edges[*].node." + field).entityList(String.class).get();
            assertThat(values).hasSize(Math.min(2, total - 2 * page));
            response.path(at + ".pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(page < pages - 1);
            after = response.path(at + ".pageInfo.endCursor").entity(String.class).get();
            seen.addAll(values);
        }
        return seen;
    }

    @Test
    void theDashboardCostsTheSameNumberOfCommandsForMoreClients() {
        Agency agency = agency();
        for (int i = 0; i < 3; i++) {
            String client = enrollee(agency, "Few" + i);
            draft(agency, client, 40);
            authorizationNearLimit(agency, client);
        }
        certificationEndingIn(agency, 10);
        tasks.openTasksForNewlyDisengaged(clock.instant());
        supervisor(agency.supervisor()).documentName("supervisorDashboard").execute(); // sign-in and warm-up
        long few = commandsFor(agency, 3, 1);
        for (int i = 0; i < 5; i++) {
            String client = enrollee(agency, "More" + i);
            draft(agency, client, 20 + i);
            authorizationNearLimit(agency, client);
            certificationEndingIn(agency, 20 + i);
        }
        long more = commandsFor(agency, 8, 6);
        assertThat(more).isEqualTo(few);
        // More than a page (500) of clients with no authorization and no coach (the intake's backlog): the units
        // near their limit walk authorizations, not clients (issue 16), so nothing grows with them either.
        waitingForACoach(agency, 600);
        assertThat(commandsFor(agency, 8, 6)).isEqualTo(few);
    }

    @Test
    void faceToFaceComplianceCountsEveryStandAloneClientPastAPage() {
        Agency agency = agency();
        LocalDate today = LocalDate.now(clock.withZone(DETROIT));
        // 520 clients in stand-alone services (more than one page of 500): every other one seen face-to-face
        // today; and clients it does not concern: not in stand-alone services, discharged.
        List<Enrollee> clients = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            clients.add(stored(agency, "StandAlone" + i, true, ProgramStatus.ENROLLED, null, today));
        }
        for (int i = 0; i < 3; i++) {
            clients.add(stored(agency, "Ordinary" + i, false, ProgramStatus.ENROLLED, null, today));
            clients.add(stored(agency, "Discharged" + i, true, ProgramStatus.DISCHARGED, today.minusDays(10), today));
        }
        mongo.insert(clients, Enrollee.class);
        for (int i = 0; i < 520; i += 2) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(clients.get(i).id())), new Update()
                    .set(EnrolleeActivity.LAST_FACE_TO_FACE_ON, mongo.getConverter().convertToMongoType(today)),
                    Enrollee.class);
        }
        GraphQlTester.Response response = supervisor(agency.supervisor()).documentName("supervisorDashboard")
                .execute();
        response.path("supervisorDashboard.faceToFaceCompliancePage.totalCount").entity(Integer.class).isEqualTo(1);
        response.path("supervisorDashboard.faceToFaceCompliancePage.edges[0].node.coach.id").entity(String.class)
                .isEqualTo(agency.coachId());
        response.path("supervisorDashboard.faceToFaceCompliancePage.edges[0].node.clientsRequiring")
                .entity(Integer.class)
                .isEqualTo(520);
        response.path("supervisorDashboard.faceToFaceCompliancePage.edges[0].node.met").entity(Integer.class)
                .isEqualTo(260);
        response.path("supervisorDashboard.faceToFaceCompliancePage.edges[0].node.missed").entity(Integer.class)
                .isEqualTo(260);
    }

    /**
     * The dashboard counts in one aggregation grouped by what the rule reads (issue 16); each client's own
     * engagement applies the rule to that client. Across two coaches, acute treatment ending on either side of the
     * window where the requirement can apply this month (Michigan XI.E), enrolled a year ago or today, still
     * enrolled or discharged today, seen face-to-face this month or last: the dashboard's counts are the sums of
     * what each client's engagement says.
     */
    @Test
    void faceToFaceComplianceOnTheDashboardAddsUpWhatEachClientsEngagementSays() {
        Agency agency = agency();
        LocalDate today = LocalDate.now(clock.withZone(DETROIT));
        YearMonth month = YearMonth.from(today);
        LocalDate windowStart = month.minusMonths(6).atDay(1);
        List<Enrollee> clients = new ArrayList<>();
        Map<String, LocalDate> seenOn = new HashMap<>();
        int n = 0;
        for (String coachId : List.of(agency.coachId(), agency.otherCoachId())) {
            for (LocalDate acuteEnded : List.of(windowStart.minusDays(1), windowStart, today.minusMonths(3),
                    today.minusDays(1), today)) {
                for (LocalDate enrolledOn : List.of(today.minusYears(1), today)) {
                    for (LocalDate dischargedOn : java.util.Arrays.asList(null, today)) {
                        for (LocalDate seen : List.of(today, month.atDay(1).minusDays(1))) {
                            Enrollee client = client(agency, coachId, "Edge" + n++, acuteEnded, enrolledOn,
                                    dischargedOn, today);
                            clients.add(client);
                            seenOn.put(client.id(), seen);
                        }
                    }
                }
            }
        }
        mongo.insert(clients, Enrollee.class);
        seenOn.forEach((id, seen) -> mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update()
                .set(EnrolleeActivity.LAST_FACE_TO_FACE_ON, mongo.getConverter().convertToMongoType(seen)),
                Enrollee.class));

        Map<String, int[]> expected = new java.util.TreeMap<>();
        for (Enrollee client : clients) {
            Boolean met = (Boolean) supervisor(agency.supervisor()).documentName("engagement")
                    .variable("enrolleeId", client.id()).execute()
                    .path("engagement").entity(Map.class).get().get("monthlyFaceToFaceMet");
            if (met != null) {
                int[] counts = expected.computeIfAbsent(client.coachId(), id -> new int[2]);
                counts[0]++;
                counts[1] += met ? 1 : 0;
            }
        }
        assertThat(expected).containsOnlyKeys(agency.coachId(), agency.otherCoachId());
        assertThat(expected.values()).allSatisfy(counts -> assertThat(counts[1]).isPositive().isLessThan(counts[0]))
                .allSatisfy(counts -> assertThat(counts[0]).as("some clients are outside the requirement")
                        .isLessThan(clients.size() / 2));
        @SuppressWarnings("rawtypes")
        List<Map> rows = supervisor(agency.supervisor()).documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.faceToFaceCompliancePage.edges[*].node").entityList(Map.class).get();
        Map<String, int[]> counted = new java.util.TreeMap<>();
        for (Map<?, ?> row : rows) {
            String coachId = (String) ((Map<?, ?>) row.get("coach")).get("id");
            counted.put(coachId, new int[] {(Integer) row.get("clientsRequiring"), (Integer) row.get("met")});
            assertThat((Integer) row.get("missed")).isEqualTo((Integer) row.get("clientsRequiring")
                    - (Integer) row.get("met"));
        }
        assertThat(counted).containsOnlyKeys(expected.keySet());
        expected.forEach((coachId, counts) -> assertThat(counted.get(coachId)).as(coachId).containsExactly(counts));
        // A page of one coach at a time: the coach with more clients missed comes first.
        List<String> byMissed = expected.entrySet().stream().sorted(java.util.Comparator.comparing(
                (Map.Entry<String, int[]> e) -> e.getValue()[0] - e.getValue()[1]).reversed()
                .thenComparing(Map.Entry::getKey)).map(Map.Entry::getKey).toList();
        GraphQlTester.Response first = supervisor(agency.supervisor()).documentName("supervisorDashboard")
                .variable("first", 1).execute();
        first.path("supervisorDashboard.faceToFaceCompliancePage.totalCount").entity(Integer.class).isEqualTo(2)
                .path("supervisorDashboard.faceToFaceCompliancePage.edges[*].node.coach.id").entityList(String.class)
                .containsExactly(byMissed.get(0));
        String cursor = first.path("supervisorDashboard.faceToFaceCompliancePage.pageInfo.endCursor")
                .entity(String.class).get();
        supervisor(agency.supervisor()).documentName("supervisorDashboard").variable("first", 1)
                .variable("complianceAfter", cursor).execute()
                .path("supervisorDashboard.faceToFaceCompliancePage.edges[*].node.coach.id").entityList(String.class)
                .containsExactly(byMissed.get(1))
                .path("supervisorDashboard.faceToFaceCompliancePage.pageInfo.hasNextPage").entity(Boolean.class)
                .isEqualTo(false);
    }

    /**
     * The dashboard streams the candidates and keeps one page (issue 16); each client's own engagement applies the
     * rule to that client. Across enrolments long ago and recent (counted from the enrolment when the last contact
     * is older), last contacts never, long ago and lately, still enrolled, discharged today (still counted) and
     * discharged ten days ago (not), and records without an enrolment date never reached: read two at a time, the
     * pages hold exactly the clients whose engagement is not ENGAGED, never reached first, then longest without
     * contact, then by name.
     */
    @Test
    void clientsNeedingOutreachArePagedInTheOrderEachClientsEngagementGives() {
        Agency agency = agency();
        LocalDate today = LocalDate.now(clock.withZone(DETROIT));
        List<Enrollee> clients = new ArrayList<>();
        Map<String, LocalDate> lastContact = new HashMap<>();
        int n = 0;
        for (LocalDate enrolledOn : List.of(today.minusYears(1), today.minusDays(20), today.minusDays(5), today)) {
            for (LocalDate last : java.util.Arrays.asList(null, today.minusDays(40), today.minusDays(20),
                    today.minusDays(3))) {
                for (LocalDate dischargedOn : java.util.Arrays.asList(null, today, today.minusDays(10))) {
                    if (dischargedOn != null && dischargedOn.isBefore(enrolledOn)) {
                        continue;
                    }
                    Enrollee client = client(agency, n % 2 == 0 ? agency.coachId() : agency.otherCoachId(),
                            String.format(Locale.ROOT, "Order%02d", (n * 7) % 61), today.minusMonths(3), enrolledOn,
                            dischargedOn, today);
                    n++;
                    clients.add(client);
                    if (last != null) {
                        lastContact.put(client.id(), last);
                    }
                }
            }
        }
        // Records from before enrolment dates were kept, never reached: nobody knows since when (first).
        for (int i = 0; i < 3; i++) {
            clients.add(client(agency, agency.coachId(), "Undated" + i, today.minusMonths(3), null, null, today));
        }
        mongo.insert(clients, Enrollee.class);
        lastContact.forEach((id, last) -> mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update()
                .set(EnrolleeActivity.LAST_CONTACT_ON, mongo.getConverter().convertToMongoType(last)),
                Enrollee.class));

        List<Map.Entry<Integer, Enrollee>> needing = new ArrayList<>();
        for (Enrollee client : clients) {
            if (client.dischargedOn() != null && client.dischargedOn().isBefore(today)) {
                continue; // not enrolled today: not the dashboard's
            }
            Map<?, ?> engagement = supervisor(agency.supervisor()).documentName("engagement")
                    .variable("enrolleeId", client.id()).execute().path("engagement").entity(Map.class).get();
            if (!"ENGAGED".equals(engagement.get("status"))) {
                needing.add(new java.util.AbstractMap.SimpleEntry<>((Integer) engagement.get("daysSinceLastContact"),
                        client));
            }
        }
        List<String> expected = needing.stream().sorted(java.util.Comparator
                .comparing((Map.Entry<Integer, Enrollee> e) -> e.getKey(),
                        java.util.Comparator.nullsFirst(java.util.Comparator.reverseOrder()))
                .thenComparing(e -> e.getValue().sortName()).thenComparing(e -> e.getValue().id()))
                .map(e -> e.getValue().id()).toList();
        assertThat(expected).hasSizeBetween(10, clients.size() - 10);

        List<String> paged = pages(agency, "clientsNeedingOutreachPage", "clientsAfter", "enrollee.id",
                expected.size());
        assertThat(paged).containsExactlyElementsOf(expected);
    }

    /**
     * Units per coach are summed by the database (issue 16), by month of the date of service in the
     * organization's zone: at 23:30 on the last day of November in Detroit (already December in UTC), this month
     * is November. Only what is billable now counts: signed, billable by the rules, no review pending.
     */
    @Test
    void unitsByCoachSumTheBillableUnitsOfThisMonthAndLastInTheOrganizationsZone() {
        clock.pin(Instant.parse("2026-12-01T04:30:00Z"));
        Agency agency = agency();
        unitsOn(agency.id(), agency.coachId(), "2026-11-30", 4, null);
        unitsOn(agency.id(), agency.coachId(), "2026-11-01", 2, null);
        unitsOn(agency.id(), agency.coachId(), "2026-10-31", 3, null);
        unitsOn(agency.id(), agency.coachId(), "2026-10-01", 1, null);
        unitsOn(agency.id(), agency.coachId(), "2026-09-30", 5, null);
        unitsOn(agency.id(), agency.coachId(), "2026-11-20", 8, new Update().set("status", "VOIDED"));
        unitsOn(agency.id(), agency.coachId(), "2026-11-20", 8, new Update().set("review",
                new Document("status", "AWAITING_REVIEW").append("reason", "A peer recovery associate's contact.")));
        unitsOn(agency.id(), agency.coachId(), "2026-11-20", 8, new Update().set("billing.billable", false));
        unitsOn(agency.id(), agency.otherCoachId(), "2026-11-15", 6, null);
        unitsOn(UUID.randomUUID().toString(), agency.coachId(), "2026-11-15", 7, null);

        GraphQlTester.Response response = supervisor(agency.supervisor()).documentName("supervisorDashboard")
                .execute();
        response.path("supervisorDashboard.today").entity(String.class).isEqualTo("2026-11-30");
        response.path("supervisorDashboard.unitsByCoachPage.totalCount").entity(Integer.class).isEqualTo(2);
        @SuppressWarnings("rawtypes")
        List<Map> rows = response.path("supervisorDashboard.unitsByCoachPage.edges[*].node").entityList(Map.class)
                .get();
        Map<Object, List<Object>> byCoach = new HashMap<>();
        rows.forEach(row -> byCoach.put(((Map<?, ?>) row.get("coach")).get("id"),
                List.of(row.get("thisMonth"), row.get("lastMonth"))));
        assertThat(byCoach).containsOnlyKeys(agency.coachId(), agency.otherCoachId())
                .containsEntry(agency.coachId(), List.of(6, 4)).containsEntry(agency.otherCoachId(), List.of(6, 0));
    }

    /** A signed contact of {@code coachId} on {@code day} billed {@code units} units, changed by {@code change}. */
    private void unitsOn(String organizationId, String coachId, String day, int units, Update change) {
        String id = UUID.randomUUID().toString();
        mongo.insert(ScaleContacts.signed(id, organizationId, UUID.randomUUID().toString(), coachId,
                LocalDate.parse(day), DETROIT, true, clock.instant()));
        Update billed = new Update().set("billing", new Document("billable", true).append("procedureCode", "T1012")
                .append("modifiers", List.of()).append("units", units).append("minutes", 30)
                .append("fundingSource", "MEDICAID").append("dateOfService", mongo.getConverter()
                        .convertToMongoType(LocalDate.parse(day))).append("findings", List.of()).append("rulePack", "MI"));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), billed, "contacts");
        if (change != null) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), change, "contacts");
        }
    }

    /** A client in stand-alone services of {@code coachId}, as stored (not yet inserted). */
    private Enrollee client(Agency agency, String coachId, String lastName, LocalDate acuteEnded,
            LocalDate enrolledOn, LocalDate dischargedOn, LocalDate today) {
        return new Enrollee(UUID.randomUUID().toString(), agency.id(), "Client", lastName, null,
                today.minusYears(30), "ME-" + lastName, List.of(FundingSource.MEDICAID),
                dischargedOn == null ? ProgramStatus.ENROLLED : ProgramStatus.DISCHARGED, enrolledOn, dischargedOn,
                true, acuteEnded, coachId, List.of(), false, null, null, (lastName + " client").toLowerCase(Locale.ROOT),
                ("client " + lastName).toLowerCase(Locale.ROOT), 0, clock.instant(), null);
    }

    /** A client of the agency's coach, enrolled a year ago, as stored (not yet inserted). */
    private Enrollee stored(Agency agency, String lastName, boolean standAlone, ProgramStatus status,
            LocalDate dischargedOn, LocalDate today) {
        return new Enrollee(UUID.randomUUID().toString(), agency.id(), "Client", lastName, null,
                today.minusYears(30), "MS-" + lastName, List.of(FundingSource.MEDICAID), status, today.minusYears(1),
                dischargedOn, standAlone, standAlone ? today.minusMonths(3) : null, agency.coachId(), List.of(),
                false, null, null, (lastName + " client").toLowerCase(Locale.ROOT),
                ("client " + lastName).toLowerCase(Locale.ROOT), 0, clock.instant(), null);
    }

    /** {@code count} enrolled clients of the agency without a coach or authorization, stored directly. */
    private void waitingForACoach(Agency agency, int count) {
        LocalDate today = LocalDate.now(clock.withZone(DETROIT));
        List<Enrollee> waiting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String last = String.format(Locale.ROOT, "Waiting%04d", i);
            waiting.add(new Enrollee(UUID.randomUUID().toString(), agency.id(), "Client", last,
                    null, today.minusYears(30), "MW" + i, List.of(FundingSource.MEDICAID),
                    ProgramStatus.ENROLLED, today.minusDays(3), null, false, null, null,
                    List.of(), false, null, null, (last + " client").toLowerCase(Locale.ROOT),
                    ("client " + last).toLowerCase(Locale.ROOT), 0, clock.instant(), null));
        }
        mongo.insert(waiting, Enrollee.class);
    }

    /** A certification of the agency's coach ending in {@code days} days (Detroit). */
    private void certificationEndingIn(Agency agency, int days) {
        LocalDate today = LocalDate.now(clock.withZone(DETROIT));
        admin(agency.admin()).documentName("addCertification").variable("input", Map.of(
                "staffMemberId", agency.coachId(), "id", UUID.randomUUID().toString(),
                "type", "PEER_RECOVERY_COACH_TRAINING", "number", "N-" + days, "issuingState", "MI",
                "validFrom", today.minusYears(1).toString(), "validTo", today.plusDays(days).toString()))
                .execute().path("addCertification.staffMember.id").hasValue();
    }

    private long commandsFor(Agency agency, int clients, int certifications) {
        long before = CommandCounter.started();
        supervisor(agency.supervisor()).documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.clientsNeedingOutreachPage.totalCount").entity(Integer.class)
                .isEqualTo(clients)
                .path("supervisorDashboard.clientsNeedingOutreachPage.edges[*].node.coach.id").entityList(String.class)
                .hasSize(clients)
                .path("supervisorDashboard.unitsNearLimitPage.totalCount").entity(Integer.class).isEqualTo(clients)
                .path("supervisorDashboard.unitsNearLimitPage.edges[*].node.enrollee.id").entityList(String.class)
                .hasSize(clients)
                .path("supervisorDashboard.expiringCertificationsPage.totalCount").entity(Integer.class)
                .isEqualTo(certifications)
                .path("supervisorDashboard.expiringCertificationsPage.edges[*].node.staffMember.id")
                .entityList(String.class).hasSize(certifications);
        return CommandCounter.started() - before;
    }
}

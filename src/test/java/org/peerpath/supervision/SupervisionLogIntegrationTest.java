package org.peerpath.supervision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;

import org.peerpath.IntegrationTest;
import org.peerpath.database.CommandCounter;
import org.peerpath.graphql.Cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;
import static org.peerpath.demo.DemoData.id;

/**
 * The supervision log over HTTP (issue 12, item 2): a supervisor records sessions with their supervisees, the
 * coach sees their own, the organization's expected frequency per role decides who is overdue on the supervisor's
 * dashboard, and the dashboard's two queues cost a fixed number of database commands whatever the team's size.
 */
class SupervisionLogIntegrationTest extends IntegrationTest {

    private static final ZoneId MICHIGAN = ZoneId.of("America/Detroit");
    private static final AtomicInteger SLOTS = new AtomicInteger();
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private MongoTemplate mongo;

    @Test
    void aSupervisorRecordsAGroupSessionBothSuperviseesSeeItAndARetryChangesNothing() {
        Staff supervisor = staff("SUPERVISOR", null);
        Staff coach = staff("RECOVERY_COACH", supervisor.id());
        Staff associate = staff("RECOVERY_ASSOCIATE", supervisor.id());
        Map<String, Object> input = session(today().minusDays(1), "GROUP", coach.id(), associate.id());

        Map<String, Object> recorded = record(supervisor.login(), input);
        assertThat(recorded).containsEntry("id", input.get("id")).containsEntry("heldOn",
                today().minusDays(1).toString()).containsEntry("durationMinutes", 50).containsEntry("format", "GROUP")
                .containsEntry("supervisorId", supervisor.id()).containsEntry("note", "Talked through a relapse.");
        assertThat(recorded.get("superviseeIds")).isEqualTo(List.of(coach.id(), associate.id()));
        assertThat(map(recorded.get("supervisor"))).containsEntry("id", supervisor.id());
        assertThat(((List<?>) recorded.get("supervisees"))).hasSize(2);

        // A retry returns the session recorded first; the same id for another session is a conflict.
        assertThat(record(supervisor.login(), input)).isEqualTo(recorded);
        Map<String, Object> reused = new HashMap<>(input);
        reused.put("note", "Something else");
        expectError(supervisor(supervisor.login()).documentName("recordSupervisionSession")
                .variable("input", reused).execute(), "CONFLICT");

        // Each supervisee sees it among their own sessions; the supervisor among those they led.
        for (Staff supervisee : List.of(coach, associate)) {
            assertThat(coach(supervisee.login()).documentName("mySupervisionSessions").variable("first", 10)
                    .execute().path("mySupervisionSessions.edges[*].node.id").entityList(String.class).get())
                    .containsExactly((String) input.get("id"));
        }
        assertThat(supervisor(supervisor.login()).documentName("supervisionSessions").variable("superviseeId",
                coach.id()).execute().path("supervisionSessions.edges[*].node.id").entityList(String.class).get())
                .containsExactly((String) input.get("id"));

        // Newest first, paged.
        Map<String, Object> later = session(today(), "INDIVIDUAL", coach.id());
        record(supervisor.login(), later);
        coach(coach.login()).documentName("mySupervisionSessions").variable("first", 1).execute()
                .path("mySupervisionSessions.edges[*].node.id").entityList(String.class)
                .containsExactly((String) later.get("id"))
                .path("mySupervisionSessions.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);

        // Audited under each supervisee's id.
        assertThat(auditTrail(supervisor.login(), associate.id()))
                .contains("recordSupervisionSession/ALLOWED/" + supervisor.id());
    }

    @Test
    void everyDenialPathLeavesNothingBehind() {
        Staff supervisor = staff("SUPERVISOR", null);
        Staff coach = staff("RECOVERY_COACH", supervisor.id());
        Staff otherTeam = staff("SUPERVISOR", null);
        Staff otherCoach = staff("RECOVERY_COACH", otherTeam.id());
        Map<String, Object> input = session(today(), "INDIVIDUAL", coach.id());

        // Coaches, associates and enrollees do not record sessions.
        expectError(tester(coach.login(), "supervisor").documentName("recordSupervisionSession")
                .variable("input", input).execute(), "FORBIDDEN");
        expectError(tester("associate.mi", "supervisor").documentName("recordSupervisionSession")
                .variable("input", input).execute(), "FORBIDDEN");
        expectError(tester("enrollee.mi", "supervisor").documentName("recordSupervisionSession")
                .variable("input", input).execute(), "FORBIDDEN");
        expectError(tester(coach.login(), "supervisor").documentName("supervisionSessions").execute(), "FORBIDDEN");
        expectError(tester("enrollee.mi", "coach").documentName("mySupervisionSessions").execute(), "FORBIDDEN");

        // Another team's supervisor, another organization's, and an unknown id: the same NOT_FOUND.
        String random = UUID.randomUUID().toString();
        ResponseError unknown = expectError(supervisor(supervisor.login()).documentName("recordSupervisionSession")
                .variable("input", session(today(), "INDIVIDUAL", random)).execute(), "NOT_FOUND");
        for (String login : List.of(otherTeam.login(), "supervisor.in", "supervisor.mi")) {
            ResponseError hidden = expectError(supervisor(login).documentName("recordSupervisionSession")
                    .variable("input", input).execute(), "NOT_FOUND");
            assertThat(hidden.getMessage().replace(coach.id(), "X")).isEqualTo(unknown.getMessage()
                    .replace(random, "X"));
        }
        // One supervisee of another team in a group refuses the whole session.
        expectError(supervisor(supervisor.login()).documentName("recordSupervisionSession").variable("input",
                session(today(), "GROUP", coach.id(), otherCoach.id())).execute(), "NOT_FOUND");

        // Not supervised by the caller on that day: the assignment began later.
        Staff newcomer = staff("RECOVERY_COACH", null);
        admin("admin").documentName("assignSupervisor").variable("input", Map.of("staffMemberId", newcomer.id(),
                "supervisorId", supervisor.id(), "effectiveFrom", today().toString(), "expectedVersion", 0))
                .execute().path("assignSupervisor.staffMember.id").hasValue();
        expectError(supervisor(supervisor.login()).documentName("recordSupervisionSession").variable("input",
                session(today().minusDays(1), "INDIVIDUAL", newcomer.id())).execute(), "NOT_FOUND");

        // Every problem of the input at once.
        Map<String, Object> bad = new HashMap<>(session(today().plusDays(1), "INDIVIDUAL", coach.id(), coach.id()));
        bad.put("durationMinutes", 0);
        bad.put("topics", List.of(" "));
        ResponseError invalid = expectError(supervisor(supervisor.login()).documentName("recordSupervisionSession")
                .variable("input", bad).execute(), "VALIDATION");
        assertThat(problems(invalid)).hasSize(5);
        expectError(supervisor(supervisor.login()).documentName("recordSupervisionSession").variable("input",
                session(today(), "GROUP", coach.id())).execute(), "VALIDATION");

        // Nothing was written; the refusals naming a staff member are audited.
        assertThat(supervisor(supervisor.login()).documentName("supervisionSessions").execute()
                .path("supervisionSessions.edges").entityList(Object.class).get()).isEmpty();
        assertThat(coach(coach.login()).documentName("mySupervisionSessions").execute()
                .path("mySupervisionSessions.edges").entityList(Object.class).get()).isEmpty();
        record(supervisor.login(), session(today(), "INDIVIDUAL", coach.id())); // so the trail can be read
        assertThat(auditTrail(supervisor.login(), coach.id())).contains(
                "recordSupervisionSession/DENIED/" + coach.id(),
                "recordSupervisionSession/DENIED/" + otherTeam.id(),
                "recordSupervisionSession/DENIED/" + id("supervisor.in"));

        // Only administrators set the expected frequency.
        for (String login : List.of(supervisor.login(), coach.login())) {
            expectError(tester(login, "admin").documentName("setSupervisionFrequency").variable("input",
                    Map.of("expectations", List.of(), "expectedVersion", 0)).execute(), "FORBIDDEN");
        }
    }

    @Test
    void theOrganizationsFrequencyDecidesWhoIsOverdue() {
        Staff supervisor = staff("SUPERVISOR", null);
        Staff never = staff("RECOVERY_COACH", supervisor.id());
        Staff recent = staff("RECOVERY_COACH", supervisor.id());
        Staff associate = staff("RECOVERY_ASSOCIATE", supervisor.id());
        record(supervisor.login(), session(today().minusDays(3), "INDIVIDUAL", recent.id()));
        record(supervisor.login(), session(today().minusDays(10), "INDIVIDUAL", associate.id()));
        record(supervisor.login(), session(today().minusDays(20), "INDIVIDUAL", associate.id()));

        int version = admin("admin").documentName("supervisionFrequency").execute()
                .path("supervisionFrequency.version").entity(Integer.class).get();
        try {
            // Weekly for coaches and associates (the default, or what the organization has now).
            version = setFrequency(version, Map.of("RECOVERY_COACH", 7, "RECOVERY_ASSOCIATE", 7));
            Map<String, Object> queues = queues(supervisor.login(), 10, null);
            assertThat(overdueCount(queues)).isEqualTo(2);
            List<Map<String, Object>> rows = overdueRows(queues);
            assertThat(ids(rows))
                    .containsExactly(never.id(), associate.id());
            assertThat(rows.get(0)).containsEntry("dueOn", null).containsEntry("lastSessionOn", null)
                    .containsEntry("everyDays", 7);
            assertThat(rows.get(1)).containsEntry("lastSessionOn", today().minusDays(10).toString())
                    .containsEntry("dueOn", today().minusDays(3).toString()).containsEntry("daysOverdue", 3);

            // Paged: one row, then the next after its cursor.
            Map<String, Object> first = queues(supervisor.login(), 1, null);
            assertThat(overdueRows(first)).hasSize(1);
            Map<?, ?> page = (Map<?, ?>) first.get("supervisionOverduePage");
            assertThat(((Map<?, ?>) page.get("pageInfo")).get("hasNextPage")).isEqualTo(true);
            Map<String, Object> second = queues(supervisor.login(), 1,
                    (String) ((Map<?, ?>) page.get("pageInfo")).get("endCursor"));
            assertThat(ids(overdueRows(second)))
                    .containsExactly(associate.id());

            // Refused changes: out of range, a role twice, a stale version.
            ResponseError invalid = expectError(admin("admin").documentName("setSupervisionFrequency")
                    .variable("input", Map.of("expectations", List.of(Map.of("role", "RECOVERY_COACH",
                            "everyDays", 0), Map.of("role", "RECOVERY_COACH", "everyDays", 91)),
                            "expectedVersion", version)).execute(), "VALIDATION");
            assertThat(problems(invalid)).hasSize(3);
            expectError(admin("admin").documentName("setSupervisionFrequency").variable("input", Map.of(
                    "expectations", List.of(Map.of("role", "RECOVERY_COACH", "everyDays", 2)),
                    "expectedVersion", version + 5)).execute(), "CONFLICT");

            // Coaches every two days, associates not at all.
            version = setFrequency(version, Map.of("RECOVERY_COACH", 2));
            assertThat(ids(overdueRows(queues(supervisor.login(), 10, null))))
                    .containsExactly(never.id(), recent.id());
            admin("admin").documentName("supervisionFrequency").execute()
                    .path("supervisionFrequency.changedBy").entity(String.class).isEqualTo(id("admin.mi"));

            // A session today takes a supervisee off the list.
            record(supervisor.login(), session(today(), "GROUP", never.id(), recent.id()));
            assertThat(overdueCount(queues(supervisor.login(), 10, null))).isEqualTo(0);
        }
        finally {
            setFrequency(version, Map.of("RECOVERY_COACH", 7, "RECOVERY_ASSOCIATE", 7));
        }
    }

    /**
     * Who is overdue, decided in the database (issue 16), across the situations that change it: supervisees who
     * came and left on either side of today, a session led by the supervisor before, a group session, each role's
     * own expectation, and the day due itself. Read two at a time, the pages are the whole list in order.
     */
    @Test
    void overdueHoldsAcrossAssignmentsSessionsAndRolesAndPagesInOrder() {
        Staff me = staff("SUPERVISOR", null);
        Staff other = staff("SUPERVISOR", null);
        LocalDate today = today();
        // Under me since always, never supervised: overdue with no day due, first.
        Staff never = staff("RECOVERY_COACH", me.id());
        Staff neverAssociate = staff("RECOVERY_ASSOCIATE", me.id());
        // Mine for 20 days, never supervised: counted from the first day, due 13 days ago.
        Staff movedIn = staff("RECOVERY_COACH", other.id());
        assign(movedIn, me, today.minusDays(20));
        // Mine for 5 days: not due for two more.
        Staff newlyIn = staff("RECOVERY_COACH", other.id());
        assign(newlyIn, me, today.minusDays(5));
        // Supervised by the other 10 days ago, mine for 3: counted from that session, due 3 days ago.
        Staff handedOver = staff("RECOVERY_COACH", other.id());
        record(other.login(), session(today.minusDays(10), "INDIVIDUAL", handedOver.id()));
        assign(handedOver, me, today.minusDays(3));
        // Last supervised 30 days ago and leaving me tomorrow: still mine today, due 23 days ago.
        Staff leaving = staff("RECOVERY_COACH", me.id());
        record(me.login(), session(today.minusDays(30), "INDIVIDUAL", leaving.id()));
        assign(leaving, other, today.plusDays(1));
        // A group session 9 days ago: both due 2 days ago.
        Staff groupOne = staff("RECOVERY_COACH", me.id());
        Staff groupTwo = staff("RECOVERY_COACH", me.id());
        record(me.login(), session(today.minusDays(9), "GROUP", groupOne.id(), groupTwo.id()));
        // Due yesterday: a coach weekly, an associate every 14 days.
        Staff lapsed = staff("RECOVERY_COACH", me.id());
        record(me.login(), session(today.minusDays(8), "INDIVIDUAL", lapsed.id()));
        Staff associateLapsed = staff("RECOVERY_ASSOCIATE", me.id());
        record(me.login(), session(today.minusDays(15), "INDIVIDUAL", associateLapsed.id()));
        // Due today: not overdue yet.
        Staff dueToday = staff("RECOVERY_COACH", me.id());
        record(me.login(), session(today.minusDays(7), "INDIVIDUAL", dueToday.id()));
        Staff associateDueToday = staff("RECOVERY_ASSOCIATE", me.id());
        record(me.login(), session(today.minusDays(14), "INDIVIDUAL", associateDueToday.id()));
        // The other's from today (counted from today: not overdue), and mine only from tomorrow (the other's,
        // never supervised: overdue on the other's list).
        Staff movedOut = staff("RECOVERY_COACH", me.id());
        assign(movedOut, other, today);
        Staff arriving = staff("RECOVERY_COACH", other.id());
        assign(arriving, me, today.plusDays(1));
        // Records from before effective dates (a supervisorId, no assignments): mine since always, never
        // supervised; and the other's.
        Staff legacy = staff("RECOVERY_COACH", me.id());
        Staff legacyOther = staff("RECOVERY_COACH", other.id());
        for (Staff old : List.of(legacy, legacyOther)) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(old.id())),
                    new Update().unset("supervisorAssignments"), "staff");
        }

        int version = admin("admin").documentName("supervisionFrequency").execute()
                .path("supervisionFrequency.version").entity(Integer.class).get();
        try {
            version = setFrequency(version, Map.of("RECOVERY_COACH", 7, "RECOVERY_ASSOCIATE", 14));
            List<Staff> neverSupervised = new ArrayList<>(List.of(never, neverAssociate, legacy));
            neverSupervised.sort(Comparator.comparing(Staff::id));
            List<Staff> dueTwoDaysAgo = new ArrayList<>(List.of(groupOne, groupTwo));
            dueTwoDaysAgo.sort(Comparator.comparing(Staff::id));
            List<Staff> dueYesterday = new ArrayList<>(List.of(lapsed, associateLapsed));
            dueYesterday.sort(Comparator.comparing(Staff::id));
            List<String> expected = new ArrayList<>();
            neverSupervised.forEach(s -> expected.add(s.id()));
            expected.add(leaving.id());
            expected.add(movedIn.id());
            expected.add(handedOver.id());
            dueTwoDaysAgo.forEach(s -> expected.add(s.id()));
            dueYesterday.forEach(s -> expected.add(s.id()));

            List<Map<String, Object>> rows = new ArrayList<>();
            String after = null;
            do {
                Map<String, Object> queues = queues(me.login(), 2, after);
                assertThat(overdueCount(queues)).isEqualTo(expected.size());
                rows.addAll(overdueRows(queues));
                Map<?, ?> pageInfo = (Map<?, ?>) map(queues.get("supervisionOverduePage")).get("pageInfo");
                after = Boolean.TRUE.equals(pageInfo.get("hasNextPage")) ? (String) pageInfo.get("endCursor") : null;
            } while (after != null);
            assertThat(ids(rows)).containsExactlyElementsOf(expected);

            Map<String, Map<String, Object>> byId = new HashMap<>();
            rows.forEach(r -> byId.put((String) map(r.get("staffMember")).get("id"), r));
            assertThat(byId.get(never.id())).containsEntry("dueOn", null).containsEntry("daysOverdue", null)
                    .containsEntry("everyDays", 7);
            assertThat(byId.get(neverAssociate.id())).containsEntry("everyDays", 14);
            assertThat(byId.get(leaving.id())).containsEntry("lastSessionOn", today.minusDays(30).toString())
                    .containsEntry("dueOn", today.minusDays(23).toString()).containsEntry("daysOverdue", 23);
            assertThat(byId.get(movedIn.id())).containsEntry("lastSessionOn", null)
                    .containsEntry("dueOn", today.minusDays(13).toString()).containsEntry("daysOverdue", 13);
            assertThat(byId.get(handedOver.id())).containsEntry("lastSessionOn", today.minusDays(10).toString())
                    .containsEntry("daysOverdue", 3);
            assertThat(byId.get(groupTwo.id())).containsEntry("daysOverdue", 2);
            assertThat(byId.get(associateLapsed.id())).containsEntry("everyDays", 14)
                    .containsEntry("dueOn", today.minusDays(1).toString()).containsEntry("daysOverdue", 1);

            // The other supervisor's team today: the one arriving at mine tomorrow and their old record, never
            // supervised.
            List<String> others = new ArrayList<>(List.of(arriving.id(), legacyOther.id()));
            others.sort(Comparator.naturalOrder());
            assertThat(ids(overdueRows(queues(other.login(), 10, null)))).containsExactlyElementsOf(others);

            // Associates without an expectation leave the list; a cursor of no known form is refused.
            version = setFrequency(version, Map.of("RECOVERY_COACH", 7));
            assertThat(overdueCount(queues(me.login(), 2, null))).isEqualTo(expected.size() - 2);
            Map<String, Object> variables = Map.of("first", 2, "after", Cursor.encode(
                    "yesterday", never.id()));
            expectError(supervisor(me.login()).documentName("supervisorQueues").variables(variables).execute(),
                    "VALIDATION");
        }
        finally {
            setFrequency(version, Map.of("RECOVERY_COACH", 7, "RECOVERY_ASSOCIATE", 7));
        }
    }

    @Test
    void theDashboardsQueuesCostTheSameNumberOfCommandsWhateverTheTeamSize() {
        Staff supervisor = staff("SUPERVISOR", null);
        supervisee(supervisor);
        long small = commands(supervisor.login());
        for (int i = 0; i < 4; i++) {
            supervisee(supervisor);
        }
        Map<String, Object> queues = queues(supervisor.login(), 100, null);
        assertThat(map(queues.get("reviewQueuePage")).get("totalCount")).isEqualTo(5);
        assertThat((List<?>) map(queues.get("reviewQueuePage")).get("edges")).hasSize(5);
        assertThat(overdueCount(queues)).isEqualTo(5);
        assertThat(overdueRows(queues)).hasSize(5);
        assertThat(commands(supervisor.login())).isEqualTo(small);
    }

    // ---- helpers ----

    private record Staff(String id, String login) {
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), MICHIGAN);
    }

    private Map<String, Object> session(LocalDate heldOn, String format, String... supervisees) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("heldOn", heldOn.toString());
        input.put("durationMinutes", 50);
        input.put("format", format);
        input.put("superviseeIds", List.of(supervisees));
        input.put("topics", List.of("Self-care", "A hard case"));
        input.put("note", "Talked through a relapse.");
        return input;
    }

    /** The admin moves {@code staff} to {@code supervisor} from {@code from} (a staff member's first change). */
    private void assign(Staff staff, Staff supervisor, LocalDate from) {
        admin("admin").documentName("assignSupervisor").variable("input", Map.of("staffMemberId", staff.id(),
                "supervisorId", supervisor.id(), "effectiveFrom", from.toString(), "expectedVersion", 0))
                .execute().path("assignSupervisor.staffMember.id").entity(String.class).isEqualTo(staff.id());
    }

    private Map<String, Object> record(String login, Map<String, Object> input) {
        return supervisor(login).documentName("recordSupervisionSession").variable("input", input).execute()
                .path("recordSupervisionSession.session").entity(MAP).get();
    }

    private int setFrequency(int version, Map<String, Integer> everyDays) {
        List<Map<String, Object>> expectations = everyDays.entrySet().stream()
                .map(e -> Map.<String, Object>of("role", e.getKey(), "everyDays", e.getValue())).toList();
        return admin("admin").documentName("setSupervisionFrequency").variable("input", Map.of("expectations",
                expectations, "expectedVersion", version)).execute()
                .path("setSupervisionFrequency.supervisionFrequency.version").entity(Integer.class).get();
    }

    private Map<String, Object> queues(String login, int first, String after) {
        Map<String, Object> variables = new HashMap<>(Map.of("first", first));
        if (after != null) {
            variables.put("after", after);
        }
        return supervisor(login).documentName("supervisorQueues").variables(variables).execute()
                .path("supervisorDashboard").entity(MAP).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Object overdueCount(Map<String, Object> queues) {
        return map(queues.get("supervisionOverduePage")).get("totalCount");
    }

    /** The staff member ids of overdue rows, in order. */
    private static List<String> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> (String) map(r.get("staffMember")).get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> overdueRows(Map<String, Object> queues) {
        return ((List<Map<String, Object>>) map(queues.get("supervisionOverduePage")).get("edges")).stream()
                .map(edge -> (Map<String, Object>) edge.get("node")).toList();
    }

    private long commands(String login) {
        queues(login, 100, null); // warm: the token and the viewer
        long before = CommandCounter.started();
        queues(login, 100, null);
        return CommandCounter.started() - before;
    }

    /** An associate of the supervisor, never supervised, with one signed contact awaiting review. */
    private void supervisee(Staff supervisor) {
        Staff associate = staff("RECOVERY_ASSOCIATE", supervisor.id());
        String client = client(associate.id());
        Instant start = clock.instant().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofHours(SLOTS.getAndIncrement() % 24));
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("enrolleeId", client);
        input.put("type", "FACE_TO_FACE");
        input.put("start", start.toString());
        input.put("end", start.plus(Duration.ofMinutes(45)).toString());
        input.put("placeOfService", "COMMUNITY");
        input.put("privateAreaUsed", true);
        input.put("activities", List.of("RESOURCE_LINKAGE"));
        input.put("supportTypes", List.of("INSTRUMENTAL"));
        input.put("narrative", "Went to the food bank together.");
        String contactId = coach(associate.login()).documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.id").entity(String.class).get();
        coach(associate.login()).documentName("signContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 0)).execute().path("signContact.contact.review.status").entity(String.class)
                .isEqualTo("AWAITING_REVIEW");
    }

    private Staff staff(String role, String supervisorId) {
        String staffId = UUID.randomUUID().toString();
        String login = "supervision." + staffId.substring(0, 8);
        Map<String, Object> input = new HashMap<>(Map.of("id", staffId, "firstName", "Sky", "lastName", "Log",
                "role", role, "authSubject", login));
        if (supervisorId != null) {
            input.put("supervisorId", supervisorId);
        }
        if (role.equals("SUPERVISOR")) {
            input.put("supervisorQualification", "LICENSED_PROFESSIONAL");
        }
        admin("admin").documentName("createStaffMember").variable("input", input).execute()
                .path("createStaffMember.staffMember.id").entity(String.class).isEqualTo(staffId);
        return new Staff(staffId, login);
    }

    private String client(String coachId) {
        String enrolleeId = UUID.randomUUID().toString();
        admin("admin").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Log", "lastName", "Client", "dateOfBirth", "1984-05-06",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED",
                "enrolledOn", today().minusDays(60).toString(), "coachId", coachId)).execute()
                .path("createEnrollee.enrollee.id").hasValue();
        return enrolleeId;
    }
}

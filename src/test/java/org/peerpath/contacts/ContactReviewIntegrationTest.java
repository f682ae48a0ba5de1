package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.IntegrationTest;
import org.peerpath.database.CommandCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;
import static org.peerpath.demo.DemoData.id;

/**
 * Note review and co-signature over HTTP (issue 12, item 1): a signed contact the review policy names waits for
 * the coach's supervisor on its date of service, who approves it (co-signature) or returns it for correction; the
 * coach corrects it with an addendum and resubmits. Units stay reserved throughout and are counted once.
 */
class ContactReviewIntegrationTest extends IntegrationTest {

    private static final AtomicInteger SLOTS = new AtomicInteger();

    @Test
    void anAssociatesContactIsReturnedCorrectedResubmittedAndApproved() {
        Staff associate = staff("admin", "RECOVERY_ASSOCIATE", id("supervisor.mi"));
        String client = client("admin", associate.id());
        Map<String, Object> signed = logAndSign(associate.login(), client);
        String contactId = (String) signed.get("id");
        String second = (String) logAndSign(associate.login(), client).get("id");
        assertThat(signed.get("status")).isEqualTo("SIGNED");
        assertThat(review(signed)).containsEntry("status", "AWAITING_REVIEW").containsEntry("reason", "ASSOCIATE");
        assertThat(signed.get("billableNow")).isEqualTo(false);

        // In the supervisor's queue, paged; not in another supervisor's.
        assertThat(queue("supervisor.mi")).contains(contactId, second);
        Staff otherSupervisor = staff("admin", "SUPERVISOR", null);
        assertThat(queue(otherSupervisor.login())).doesNotContain(contactId);
        supervisor("supervisor.mi").documentName("reviewQueue").variable("first", 1).execute()
                .path("reviewQueue.edges").entityList(Object.class).hasSize(1)
                .path("reviewQueue.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);

        // A comment is required; a refused request leaves nothing behind.
        ResponseError blank = expectError(supervisor("supervisor.mi").documentName("returnContactForCorrection")
                .variable("input", Map.of("id", contactId, "expectedVersion", 1, "comment", " ")).execute(),
                "VALIDATION");
        assertThat(problems(blank)).isNotEmpty();
        assertThat(contact(associate.login(), contactId).get("version")).isEqualTo(1);

        Map<String, Object> returned = supervisor("supervisor.mi").documentName("returnContactForCorrection")
                .variable("input", Map.of("id", contactId, "expectedVersion", 1, "comment", "Say what was decided."))
                .execute().path("returnContactForCorrection.contact").entity(MAP).get();
        assertThat(review(returned)).containsEntry("status", "RETURNED").containsEntry("comment",
                "Say what was decided.").containsEntry("returnedBy", id("supervisor.mi"));
        assertThat(map(review(returned).get("returner"))).containsEntry("id", id("supervisor.mi"))
                .containsEntry("role", "SUPERVISOR").containsKey("displayName");
        assertThat(review(returned).get("approver")).isNull();
        assertThat(queue("supervisor.mi")).doesNotContain(contactId);
        assertThat(returnedTo(associate.login())).containsExactly(contactId);

        // Returning released nothing: the units are as reserved at signing.
        assertThat(((Map<?, ?>) returned.get("billing")).get("units"))
                .isEqualTo(((Map<?, ?>) signed.get("billing")).get("units"));

        // Resubmitting needs the correction first.
        expectError(coach(associate.login()).documentName("resubmitContact").variable("input",
                Map.of("id", contactId, "expectedVersion", 2)).execute(), "VALIDATION");
        coach(associate.login()).documentName("amendContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 2, "addendumId", UUID.randomUUID().toString(), "reason", "Returned for correction",
                "text", "Decided to apply for food assistance together next week.")).execute()
                .path("amendContact.contact.review.status").entity(String.class).isEqualTo("RETURNED");
        Map<String, Object> resubmitted = coach(associate.login()).documentName("resubmitContact")
                .variable("input", Map.of("id", contactId, "expectedVersion", 3)).execute()
                .path("resubmitContact.contact").entity(MAP).get();
        assertThat(review(resubmitted)).containsEntry("status", "AWAITING_REVIEW");
        assertThat(returnedTo(associate.login())).doesNotContain(contactId);
        // A retry of the resubmission changes nothing.
        coach(associate.login()).documentName("resubmitContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 3)).execute().path("resubmitContact.contact.version").entity(Integer.class)
                .isEqualTo(4);

        // A stale version is a conflict.
        expectError(supervisor("supervisor.mi").documentName("approveContact").variable("input",
                Map.of("id", contactId, "expectedVersion", 3)).execute(), "CONFLICT");
        Map<String, Object> approved = supervisor("supervisor.mi").documentName("approveContact")
                .variable("input", Map.of("id", contactId, "expectedVersion", 4)).execute()
                .path("approveContact.contact").entity(MAP).get();
        assertThat(review(approved)).containsEntry("status", "APPROVED").containsEntry("approvedBy",
                id("supervisor.mi"));
        assertThat(map(review(approved).get("approver"))).containsEntry("id", id("supervisor.mi"))
                .containsEntry("role", "SUPERVISOR");
        assertThat(map(review(approved).get("returner"))).containsEntry("id", id("supervisor.mi"));
        assertThat((String) review(approved).get("credential")).contains("LICENSED_PROFESSIONAL", "MCBAP");
        assertThat(review(approved).get("approvedAt")).isNotNull();
        assertThat(approved.get("billableNow"))
                .isEqualTo(((Map<?, ?>) approved.get("billing")).get("billable"));
        assertThat(queue("supervisor.mi")).doesNotContain(contactId);
        // A retry of the approval changes nothing.
        supervisor("supervisor.mi").documentName("approveContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 4)).execute().path("approveContact.contact.version").entity(Integer.class)
                .isEqualTo(5);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) approved.get("history");
        assertThat(history.stream().map(h -> h.get("action")).toList()).containsExactly("LOGGED", "SIGNED",
                "AWAITING_REVIEW", "RETURNED_FOR_CORRECTION", "AMENDED", "RESUBMITTED", "APPROVED");
        assertThat(auditTrail("supervisor.mi", client)).contains("approveContact/ALLOWED/" + id("supervisor.mi"),
                "returnContactForCorrection/ALLOWED/" + id("supervisor.mi"),
                "resubmitContact/ALLOWED/" + associate.id());
    }

    @Test
    void everyDenialPath() {
        Staff associate = staff("admin", "RECOVERY_ASSOCIATE", id("supervisor.mi"));
        String client = client("admin", associate.id());
        String contactId = (String) logAndSign(associate.login(), client).get("id");
        Map<String, Object> approve = Map.of("input", Map.of("id", contactId, "expectedVersion", 1));

        // A coach (also the contact's own author) cannot approve; an enrollee neither.
        expectError(tester(associate.login(), "supervisor").documentName("approveContact").variables(approve)
                .execute(), "FORBIDDEN");
        expectError(tester("coach.mi", "supervisor").documentName("approveContact").variables(approve).execute(),
                "FORBIDDEN");
        expectError(tester("enrollee.mi", "supervisor").documentName("returnContactForCorrection").variable(
                "input", Map.of("id", contactId, "expectedVersion", 1, "comment", "No")).execute(), "FORBIDDEN");
        expectError(tester("coach.mi", "supervisor").documentName("reviewQueue").execute(), "FORBIDDEN");
        expectError(tester("supervisor.mi", "coach").documentName("returnedToMe").execute(), "FORBIDDEN");

        // A supervisor of another team, or of another organization, gets exactly the answer of an unknown id.
        String random = UUID.randomUUID().toString();
        ResponseError unknown = expectError(supervisor("supervisor.mi").documentName("approveContact")
                .variable("input", Map.of("id", random, "expectedVersion", 1)).execute(), "NOT_FOUND");
        Staff otherTeam = staff("admin", "SUPERVISOR", null);
        for (String login : List.of(otherTeam.login(), "supervisor.in", "admin")) {
            ResponseError hidden = expectError(supervisor(login).documentName("approveContact").variables(approve)
                    .execute(), "NOT_FOUND");
            assertThat(hidden.getMessage().replace(contactId, "X")).isEqualTo(unknown.getMessage()
                    .replace(random, "X"));
            expectError(supervisor(login).documentName("returnContactForCorrection").variable("input",
                    Map.of("id", contactId, "expectedVersion", 1, "comment", "Fix it")).execute(), "NOT_FOUND");
        }
        // Another coach cannot resubmit it (NOT_FOUND, like an unknown id); nor can the author before a return.
        expectError(coach("coach.mi").documentName("resubmitContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 1)).execute(), "NOT_FOUND");
        expectError(coach(associate.login()).documentName("resubmitContact").variable("input", Map.of(
                "id", contactId, "expectedVersion", 1)).execute(), "VALIDATION");

        // Nothing changed, and every refusal naming the record is audited.
        Map<String, Object> after = contact(associate.login(), contactId);
        assertThat(after.get("version")).isEqualTo(1);
        assertThat(review(after)).containsEntry("status", "AWAITING_REVIEW");
        assertThat(auditTrail("supervisor.mi", client)).contains("approveContact/DENIED/" + otherTeam.id(),
                "approveContact/DENIED/" + id("supervisor.in"), "approveContact/DENIED/" + id("admin.mi"),
                "approveContact/DENIED/" + id("coach.mi"), "approveContact/DENIED/" + associate.id(),
                "returnContactForCorrection/DENIED/" + id("enrollee.mi.0"), "resubmitContact/DENIED/" + id("coach.mi"));

        // A contact that needs no review cannot be approved.
        String noReview = (String) logAndSign("coach.mi", client("admin", id("coach.mi"))).get("id");
        expectError(supervisor("supervisor.mi").documentName("approveContact").variable("input", Map.of(
                "id", noReview, "expectedVersion", 1)).execute(), "VALIDATION");
    }

    @Test
    void thePolicySwitchedOnAndOffAndTwoApprovalsRacingCountTheUnitsOnce() throws Exception {
        int version = admin("admin.in").documentName("reviewPolicy").execute().path("reviewPolicy.version")
                .entity(Integer.class).get();
        try {
            // Off by default for a coach's unflagged contact.
            String client = client("admin.in", id("coach.in"));
            Map<String, Object> plain = logAndSign("coach.in", client);
            assertThat(plain.get("review")).isNull();

            // Only an administrator sets it, on the version last read.
            expectError(tester("supervisor.in", "admin").documentName("setReviewPolicy").variable("input",
                    Map.of("policy", "EVERYONE", "expectedVersion", version)).execute(), "FORBIDDEN");
            expectError(admin("admin.in").documentName("setReviewPolicy").variable("input",
                    Map.of("policy", "EVERYONE", "expectedVersion", version + 7)).execute(), "CONFLICT");
            admin("admin.in").documentName("setReviewPolicy").variable("input", Map.of("policy", "EVERYONE",
                    "expectedVersion", version)).execute().path("setReviewPolicy.reviewPolicy.policy")
                    .entity(String.class).isEqualTo("EVERYONE")
                    .path("setReviewPolicy.reviewPolicy.changes[-1].by").entity(String.class).isEqualTo(id("admin.in"));
            version++;

            Map<String, Object> reviewed = logAndSign("coach.in", client);
            String contactId = (String) reviewed.get("id");
            assertThat(review(reviewed)).containsEntry("status", "AWAITING_REVIEW").containsEntry("reason",
                    "EVERYONE");
            int units = (Integer) ((Map<?, ?>) reviewed.get("billing")).get("units");
            int plainUnits = (Integer) ((Map<?, ?>) plain.get("billing")).get("units");
            int used = used(client);
            assertThat(used).as("reserved while awaiting review").isEqualTo(units + plainUnits);

            // Two approvals at once: one wins, the other is a conflict; the units are counted once.
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<ResponseError>>> racing = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                racing.add(pool.submit(() -> {
                    start.await();
                    List<ResponseError> errors = Collections.synchronizedList(new ArrayList<>());
                    supervisor("supervisor.in").documentName("approveContact").variable("input",
                            Map.of("id", contactId, "expectedVersion", 1)).execute().errors()
                            .satisfy(errors::addAll);
                    return errors;
                }));
            }
            start.countDown();
            List<List<ResponseError>> outcomes = new ArrayList<>();
            for (Future<List<ResponseError>> f : racing) {
                outcomes.add(f.get());
            }
            pool.shutdown();
            long wins = outcomes.stream().filter(List::isEmpty).count();
            assertThat(wins).as("winners (a retry by the winner is also a success)").isGreaterThanOrEqualTo(1);
            outcomes.stream().filter(e -> !e.isEmpty()).forEach(errors -> assertThat(errors.get(0).getExtensions()
                    .get("code")).isEqualTo("CONFLICT"));
            Map<String, Object> approved = contact("coach.in", contactId);
            assertThat(approved.get("version")).isEqualTo(2);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history = (List<Map<String, Object>>) approved.get("history");
            assertThat(history.stream().filter(h -> "APPROVED".equals(h.get("action")))).hasSize(1);
            assertThat(used(client)).isEqualTo(used);

            // Switched off again: the next contact needs no review.
            admin("admin.in").documentName("setReviewPolicy").variable("input", Map.of("policy", "NONE",
                    "expectedVersion", version)).execute().path("setReviewPolicy.reviewPolicy.version")
                    .entity(Integer.class).isEqualTo(version + 1);
            version++;
            assertThat(logAndSign("coach.in", client).get("review")).isNull();
        }
        finally {
            admin("admin.in").documentName("setReviewPolicy").variable("input", Map.of("policy",
                    "ASSOCIATES_AND_FLAGGED", "expectedVersion", version)).execute()
                    .path("setReviewPolicy.reviewPolicy.policy").entity(String.class)
                    .isEqualTo("ASSOCIATES_AND_FLAGGED");
        }
    }

    @Test
    void theReviewQueueCostsTheSameNumberOfCommandsWhateverTheTeamSize() {
        Staff supervisor = staff("admin", "SUPERVISOR", null);
        for (int i = 0; i < 1; i++) {
            supervisee(supervisor);
        }
        long small = commands(supervisor.login());
        for (int i = 0; i < 4; i++) {
            supervisee(supervisor);
        }
        assertThat(queue(supervisor.login())).hasSize(5);
        assertThat(commands(supervisor.login())).isEqualTo(small);
    }

    @Test
    void theSupervisorsAReviewNamesCostTheSameNumberOfCommandsWhateverThePageSize() {
        Staff supervisor = staff("admin", "SUPERVISOR", null);
        Staff associate = staff("admin", "RECOVERY_ASSOCIATE", supervisor.id());
        String client = client("admin", associate.id());
        long one = 0;
        for (int i = 0; i < 4; i++) {
            String contactId = (String) logAndSign(associate.login(), client).get("id");
            supervisor(supervisor.login()).documentName("returnContactForCorrection").variable("input",
                    Map.of("id", contactId, "expectedVersion", 1, "comment", "Fix " + i)).execute()
                    .path("returnContactForCorrection.contact.review.returner.id").entity(String.class)
                    .isEqualTo(supervisor.id());
            if (i == 0) {
                one = returnedCommands(associate.login());
            }
        }
        assertThat(returnedTo(associate.login())).hasSize(4);
        assertThat(returnedCommands(associate.login())).isEqualTo(one);
    }

    // ---- helpers ----

    private long returnedCommands(String login) {
        returnedTo(login); // warm: the token and the viewer
        long before = CommandCounter.started();
        returnedTo(login);
        return CommandCounter.started() - before;
    }


    private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP =
            new org.springframework.core.ParameterizedTypeReference<>() {
            };

    private record Staff(String id, String login) {
    }

    private void supervisee(Staff supervisor) {
        Staff associate = staff("admin", "RECOVERY_ASSOCIATE", supervisor.id());
        logAndSign(associate.login(), client("admin", associate.id()));
    }

    private long commands(String login) {
        queue(login); // warm: the token and the viewer
        long before = CommandCounter.started();
        queue(login);
        return CommandCounter.started() - before;
    }

    private Staff staff(String adminLogin, String role, String supervisorId) {
        String staffId = UUID.randomUUID().toString();
        String login = "review." + staffId.substring(0, 8);
        Map<String, Object> input = new HashMap<>(Map.of("id", staffId, "firstName", "Rae", "lastName", "Review",
                "role", role, "authSubject", login));
        if (supervisorId != null) {
            input.put("supervisorId", supervisorId);
        }
        if (role.equals("SUPERVISOR")) {
            input.put("supervisorQualification", "LICENSED_PROFESSIONAL");
        }
        admin(adminLogin).documentName("createStaffMember").variable("input", input).execute()
                .path("createStaffMember.staffMember.id").entity(String.class).isEqualTo(staffId);
        return new Staff(staffId, login);
    }

    private String client(String adminLogin, String coachId) {
        String enrolleeId = UUID.randomUUID().toString();
        LocalDate enrolled = LocalDate.ofInstant(clock.instant(), ZoneId.of("America/Detroit")).minusDays(60);
        admin(adminLogin).documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Review", "lastName", "Client", "dateOfBirth", "1984-05-06",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", enrolled.toString(),
                "coachId", coachId)).execute().path("createEnrollee.enrollee.id").hasValue();
        return enrolleeId;
    }

    /** Logs and signs a 45-minute face-to-face contact, each in its own hour three to four days back. */
    private Map<String, Object> logAndSign(String login, String client) {
        Instant start = clock.instant().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofHours(SLOTS.getAndIncrement()));
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
        String contactId = coach(login).documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.id").entity(String.class).get();
        return coach(login).documentName("signContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 0)).execute().path("signContact.contact").entity(MAP).get();
    }

    private Map<String, Object> contact(String login, String contactId) {
        return coach(login).documentName("contact").variable("id", contactId).execute().path("contact")
                .entity(MAP).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> review(Map<String, Object> contact) {
        return (Map<String, Object>) contact.get("review");
    }

    private List<String> queue(String login) {
        return supervisor(login).documentName("reviewQueue").variable("first", 100).execute()
                .path("reviewQueue.edges[*].node.id").entityList(String.class).get();
    }

    private List<String> returnedTo(String login) {
        return coach(login).documentName("returnedToMe").variable("first", 100).execute()
                .path("returnedToMe.edges[*].node.id").entityList(String.class).get();
    }

    private int used(String client) {
        GraphQlTester.Response response = supervisor("supervisor.in").documentName("unitUsage")
                .variable("enrolleeId", client).execute();
        return response.path("unitUsage.rollingWindow.used").entity(Integer.class).get();
    }
}

package org.peerpath.plans;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.demo.DemoData.id;

/**
 * Recovery plans over HTTP with real tokens, sending the apps' own documents from mobile-contract/. Every test
 * enrolls its own enrollee (with their own sign-in) on coach.mi's caseload, since an enrollee has one active plan
 * and the database is shared by all test classes.
 */
class RecoveryPlanIntegrationTest extends IntegrationTest {

    @Autowired
    private MongoTemplate mongo;

    /** A freshly enrolled person with their own app login, and the ids of the plan made for them. */
    record Fixture(String enrolleeId, String login, String planId, String goalId, String enrolleeStepId,
            String coachStepId) {
    }

    @Test
    void creatingAPlanIsIdempotentAndAnEnrolleeHasOneActivePlan() {
        String enrolleeId = enroll("coach.mi").enrolleeId();
        Map<String, Object> input = planInput(UUID.randomUUID().toString(), enrolleeId, "2027-01-01",
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());

        for (int attempt = 0; attempt < 2; attempt++) {
            GraphQlTester.Response response = coach("coach.mi").documentName("createRecoveryPlan")
                    .variable("input", input).execute();
            response.path("createRecoveryPlan.plan.id").entity(String.class).isEqualTo(input.get("id"));
            response.path("createRecoveryPlan.plan.version").entity(Long.class).isEqualTo(0L);
            response.path("createRecoveryPlan.plan.lastChange.kind").entity(String.class).isEqualTo("CREATED");
        }
        GraphQlTester.Response second = coach("coach.mi").documentName("createRecoveryPlan").variable("input",
                planInput(UUID.randomUUID().toString(), enrolleeId, "2027-01-01", UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(), UUID.randomUUID().toString())).execute();
        assertError(second, "CONFLICT", "activePlanId", input.get("id"));
        assertThat(history(coach("coach.mi"), enrolleeId, false)).hasSize(1);
    }

    @Test
    void aStaleVersionIsAConflictCarryingTheCurrentVersion() {
        Fixture plan = enrollWithPlan("2027-01-01");
        updatePlan("coach.mi", plan.planId(), 0, Map.of("coachNotes", "First phone"))
                .path("updateRecoveryPlan.plan.version").entity(Long.class).isEqualTo(1L);

        GraphQlTester.Response loser = updatePlan("coach.mi", plan.planId(), 0, Map.of("coachNotes", "Second phone"));
        assertError(loser, "CONFLICT", "currentVersion", 1);
        coach("coach.mi").documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId()).execute()
                .path("recoveryPlan.coachNotes").entity(String.class).isEqualTo("First phone");
    }

    @Test
    void ofTwoPhonesEditingTheSameVersionAtOnceExactlyOneWins() throws Exception {
        Fixture plan = enrollWithPlan("2027-01-01");
        ExecutorService phones = Executors.newFixedThreadPool(4);
        try {
            List<Future<GraphQlTester.Response>> answers = new ArrayList<>();
            for (int phone = 0; phone < 4; phone++) {
                String notes = "Phone " + phone;
                answers.add(phones.submit(() -> updatePlan("coach.mi", plan.planId(), 0, Map.of("coachNotes", notes))));
            }
            int won = 0;
            for (Future<GraphQlTester.Response> answer : answers) {
                GraphQlTester.Response response = answer.get(60, TimeUnit.SECONDS);
                List<?> errors = response.returnResponse().getErrors();
                if (errors.isEmpty()) {
                    won++;
                }
                else {
                    assertError(response, "CONFLICT", "currentVersion", 1);
                }
            }
            assertThat(won).isEqualTo(1);
        }
        finally {
            phones.shutdownNow();
        }
        assertThat(history(coach("coach.mi"), plan.enrolleeId(), false)).hasSize(2);
    }

    @Test
    void aRevisionLostBetweenTheTwoWritesIsRestoredByTheNextChange() {
        Fixture plan = enrollWithPlan("2027-01-01");
        mongo.remove(Query.query(Criteria.where("_id").is(plan.planId() + ":0")), RecoveryPlanRevision.class);
        updatePlan("coach.mi", plan.planId(), 0, Map.of("triggers", List.of("Loneliness")));
        assertThat(history(coach("coach.mi"), plan.enrolleeId(), false)).extracting(r -> r.get("kind"))
                .containsExactly("PLAN_UPDATED", "CREATED");
    }

    @Test
    void historySaysWhoChangedWhatAndWhenAndShowsThePlanAtAnyPastInstant() {
        // Each change an hour after the one before, on the service's clock, so each revision has its own instant.
        Instant created = clock.instant();
        Fixture plan = enrollWithPlan("2027-01-01");
        clock.advance(Duration.ofHours(1));
        updatePlan("coach.mi", plan.planId(), 0, Map.of("strengths", List.of("Stubborn in a good way")));
        clock.advance(Duration.ofHours(1));
        addGoal(plan, 1, "Find a steady job", "EMPLOYMENT_FINANCES");

        List<Map<String, Object>> revisions = history(coach("coach.mi"), plan.enrolleeId(), false);
        assertThat(revisions).extracting(r -> r.get("kind")).containsExactly("GOAL_ADDED", "PLAN_UPDATED", "CREATED");
        assertThat(revisions).extracting(r -> (Object) ((Map<?, ?>) r.get("by")).get("personId")).containsOnly(id("coach.mi"));
        assertThat((String) revisions.get(1).get("summary")).contains("strengths");

        String createdAt = (String) revisions.get(2).get("at");
        assertThat(Instant.parse(createdAt)).isEqualTo(created);
        assertThat(Instant.parse((String) revisions.get(1).get("at"))).isEqualTo(created.plus(Duration.ofHours(1)));
        GraphQlTester.Response asCreated = coach("coach.mi").documentName("recoveryPlan")
                .variable("enrolleeId", plan.enrolleeId()).variable("asOf", createdAt).execute();
        asCreated.path("recoveryPlan.version").entity(Long.class).isEqualTo(0L);
        asCreated.path("recoveryPlan.strengths").entityList(String.class).hasSize(0);
        asCreated.path("recoveryPlan.goals").entityList(Object.class).hasSize(1);
        coach("coach.mi").documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId())
                .variable("asOf", "2001-01-01T00:00:00Z").execute().path("recoveryPlan").valueIsNull();
        coach("coach.mi").documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId()).execute()
                .path("recoveryPlan.goals").entityList(Object.class).hasSize(2);
    }

    @Test
    void enrolleeMarksTheirOwnStepDoneAndTheCoachSeesWhatTheyChanged() {
        Fixture plan = enrollWithPlan("2027-01-01");
        GraphQlTester.Response done = markStepDone(plan, plan.enrolleeStepId(), 0);
        done.path("markStepDone.plan.version").entity(Long.class).isEqualTo(1L);
        done.path("markStepDone.plan.goals[0].steps[0].done").entity(Boolean.class).isEqualTo(true);
        done.path("markStepDone.plan.goals[0].steps[0].doneByEnrollee").entity(Boolean.class).isEqualTo(true);
        // The other phone sends the same thing: nothing changes, no conflict.
        markStepDone(plan, plan.enrolleeStepId(), 0).path("markStepDone.plan.version").entity(Long.class)
                .isEqualTo(1L);

        List<Map<String, Object>> byEnrollee = history(coach("coach.mi"), plan.enrolleeId(), true);
        assertThat(byEnrollee).hasSize(1);
        assertThat(byEnrollee.get(0)).containsEntry("kind", "STEP_DONE").containsEntry("byEnrollee", true)
                .containsEntry("stepId", plan.enrolleeStepId());
    }

    @Test
    void enrolleeCannotMarkTheCoachsStep() {
        Fixture plan = enrollWithPlan("2027-01-01");
        assertError(markStepDone(plan, plan.coachStepId(), 0), "FORBIDDEN");
        coach("coach.mi").documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId()).execute()
                .path("recoveryPlan.version").entity(Long.class).isEqualTo(0L);
    }

    @Test
    void enrolleeReflectsOnAGoalOnceAndAcknowledgesAVersion() {
        Fixture plan = enrollWithPlan("2027-01-01");
        String reflectionId = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            enrollee(plan.login()).documentName("addGoalReflection").variable("input", Map.of("planId", plan.planId(),
                    "goalId", plan.goalId(), "id", reflectionId, "text", "Harder than I thought, still going."))
                    .execute().path("addGoalReflection.plan.goals[0].reflections").entityList(Object.class).hasSize(1);
        }
        assertError(enrollee(plan.login()).documentName("addGoalReflection").variable("input", Map.of("planId",
                plan.planId(), "goalId", plan.goalId(), "id", UUID.randomUUID().toString(), "text", "x".repeat(1001)))
                .execute(), "VALIDATION");

        assertError(acknowledge(plan, 0), "CONFLICT", "currentVersion", 1);
        GraphQlTester.Response acknowledged = acknowledge(plan, 1);
        acknowledged.path("acknowledgeRecoveryPlan.plan.acknowledgements[0].version").entity(Long.class).isEqualTo(1L);
        acknowledged.path("acknowledgeRecoveryPlan.plan.version").entity(Long.class).isEqualTo(2L);
        coach("coach.mi").documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId()).execute()
                .path("recoveryPlan.acknowledgements[0].version").entity(Long.class).isEqualTo(1L);
    }

    @Test
    void enrolleeNeverSeesCoachNotesOrTheStaffView() {
        Fixture plan = enrollWithPlan("2027-01-01");
        GraphQlTester.Response mine = enrollee(plan.login()).documentName("myRecoveryPlan").execute();
        mine.path("myRecoveryPlan.id").entity(String.class).isEqualTo(plan.planId());
        mine.path("myRecoveryPlan.coachNotes").pathDoesNotExist();
        assertThat(mine.returnResponse().toString()).doesNotContain("Staff only");

        assertError(enrollee(plan.login()).document("{ myRecoveryPlan { coachNotes } }").execute(), "VALIDATION");
        assertError(tester(plan.login(), "coach").documentName("recoveryPlan")
                .variable("enrolleeId", plan.enrolleeId()).execute(), "FORBIDDEN");
    }

    @Test
    void otherCaseloadsAndOtherEnrolleesGetNotFound() {
        Fixture plan = enrollWithPlan("2027-01-01");
        Fixture someoneElse = enroll("coach.mi");
        for (String login : List.of("coach.in", "associate.mi")) {
            assertError(coach(login).documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId()).execute(),
                    "NOT_FOUND");
            assertError(updatePlan(login, plan.planId(), 0, Map.of("coachNotes", "Not mine")), "NOT_FOUND");
        }
        assertError(enrollee(someoneElse.login()).documentName("markStepDone").variable("input", Map.of(
                "planId", plan.planId(), "goalId", plan.goalId(), "stepId", plan.enrolleeStepId(), "done", true,
                "expectedVersion", 0)).execute(), "NOT_FOUND");
        enrollee(someoneElse.login()).documentName("myRecoveryPlan").execute().path("myRecoveryPlan").valueIsNull();
    }

    @Test
    void supervisorReadsPlansButDoesNotEditThem() {
        Fixture plan = enrollWithPlan("2027-01-01");
        supervisor("supervisor.mi").documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId()).execute()
                .path("recoveryPlan.coachNotes").entity(String.class).isEqualTo("Staff only");
        assertThat(history(supervisor("supervisor.mi"), plan.enrolleeId(), false)).hasSize(1);
        assertError(updatePlan("supervisor.mi", plan.planId(), 0, Map.of("coachNotes", "Mine now")), "FORBIDDEN");
        assertError(supervisor("supervisor.in").documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId())
                .execute(), "NOT_FOUND");
    }

    @Test
    void everyReadAndChangeIsAudited() {
        Fixture plan = enrollWithPlan("2027-01-01");
        enrollee(plan.login()).documentName("myRecoveryPlan").execute();
        markStepDone(plan, plan.enrolleeStepId(), 0);
        coach("coach.mi").documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId()).execute();
        coach("associate.mi").documentName("recoveryPlan").variable("enrolleeId", plan.enrolleeId()).execute();

        List<Map<String, Object>> events = supervisor("supervisor.mi").documentName("auditEvents")
                .variable("enrolleeId", plan.enrolleeId()).variable("first", 100).execute()
                .path("auditEvents.edges[*].node").entityList(mapType()).get();
        assertThat(events).extracting(e -> e.get("operation") + "/" + e.get("outcome")).contains(
                "createRecoveryPlan/ALLOWED", "myRecoveryPlan/ALLOWED", "markStepDone/ALLOWED",
                "recoveryPlan/ALLOWED", "recoveryPlan/DENIED");
    }

    @Test
    void plansPastTheirReviewDateAreListedForTheirCoach() {
        Fixture overdue = enrollWithPlan("2026-01-01");
        Fixture upcoming = enrollWithPlan("2099-01-01");
        List<String> due = coach("coach.mi").documentName("plansDueForReview").variable("first", 100).execute()
                .path("plansDueForReview.edges[*].node.id").entityList(String.class).get();
        assertThat(due).contains(overdue.planId()).doesNotContain(upcoming.planId());
        assertThat(coach("associate.mi").documentName("plansDueForReview").variable("first", 100).execute()
                .path("plansDueForReview.edges[*].node.id").entityList(String.class).get())
                .doesNotContain(overdue.planId());
        assertThat(supervisor("supervisor.mi").documentName("plansDueForReview").variable("first", 100).execute()
                .path("plansDueForReview.edges[*].node.id").entityList(String.class).get())
                .contains(overdue.planId());
    }

    @Test
    void badInputListsEveryProblemAndWritesNothing() {
        Fixture person = enroll("coach.mi");
        Map<String, Object> input = Map.of("id", "not-a-uuid", "enrolleeId", person.enrolleeId(),
                "reviewDate", "2027-01-01", "strengths", List.of("x".repeat(501)),
                "goals", List.of(Map.of("id", UUID.randomUUID().toString(), "inOwnWords", " ",
                        "lifeDomain", "HOUSING")));
        GraphQlTester.Response response = coach("coach.mi").documentName("createRecoveryPlan")
                .variable("input", input).execute();
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getExtensions()).containsEntry("code", "VALIDATION");
            assertThat((List<?>) errors.get(0).getExtensions().get("problems")).hasSize(3);
        });
        coach("coach.mi").documentName("recoveryPlan").variable("enrolleeId", person.enrolleeId()).execute()
                .path("recoveryPlan").valueIsNull();
    }

    // ---- helpers ----

    /** Enrolls a new person on {@code coachLogin}'s caseload (Michigan), with their own app sign-in. */
    private Fixture enroll(String coachLogin) {
        String enrolleeId = UUID.randomUUID().toString();
        String login = "plans-test-" + UUID.randomUUID();
        admin("admin").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId, "firstName", "Kit",
                "lastName", "Planner", "dateOfBirth", "1988-03-04", "fundingSources", List.of("MEDICAID"),
                "status", "ENROLLED", "enrolledOn", "2026-01-01", "coachId", id(coachLogin), "authSubject", login))
                .execute().path("createEnrollee.enrollee.id").entity(String.class).isEqualTo(enrolleeId);
        return new Fixture(enrolleeId, login, null, null, null, null);
    }

    /** A new enrollee of coach.mi with a plan (version 0): one goal with an enrollee step then a coach step. */
    private Fixture enrollWithPlan(String reviewDate) {
        Fixture person = enroll("coach.mi");
        Fixture plan = new Fixture(person.enrolleeId(), person.login(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        coach("coach.mi").documentName("createRecoveryPlan").variable("input", planInput(plan.planId(),
                plan.enrolleeId(), reviewDate, plan.goalId(), plan.enrolleeStepId(), plan.coachStepId())).execute()
                .path("createRecoveryPlan.plan.id").entity(String.class).isEqualTo(plan.planId());
        return plan;
    }

    private static Map<String, Object> planInput(String planId, String enrolleeId, String reviewDate, String goalId,
            String enrolleeStepId, String coachStepId) {
        return Map.of("id", planId, "enrolleeId", enrolleeId, "reviewDate", reviewDate, "coachNotes", "Staff only",
                "triggers", List.of("Payday"), "relapsePreventionPlan", "Call Dana, go to the Tuesday meeting.",
                "supportNetwork", List.of(Map.of("id", UUID.randomUUID().toString(), "name", "Dana",
                        "kind", "PERSON", "relationship", "sponsor")),
                "goals", List.of(Map.of("id", goalId, "inOwnWords", "Get my license back",
                        "lifeDomain", "COMMUNITY_LIVING", "targetDate", "2026-12-31", "steps", List.of(
                                Map.of("id", enrolleeStepId, "what", "Call the Secretary of State", "who", "ENROLLEE"),
                                Map.of("id", coachStepId, "what", "Find the fee waiver form", "who", "COACH")))));
    }

    private GraphQlTester.Response updatePlan(String login, String planId, long expectedVersion,
            Map<String, Object> fields) {
        Map<String, Object> input = new java.util.HashMap<>(fields);
        input.put("planId", planId);
        input.put("expectedVersion", expectedVersion);
        return tester(login, "coach").documentName("updateRecoveryPlan").variable("input", input).execute();
    }

    private void addGoal(Fixture plan, long expectedVersion, String words, String domain) {
        coach("coach.mi").documentName("addGoal").variable("input", Map.of("planId", plan.planId(),
                "expectedVersion", expectedVersion, "goal", Map.of("id", UUID.randomUUID().toString(),
                        "inOwnWords", words, "lifeDomain", domain))).execute()
                .path("addGoal.plan.version").entity(Long.class).isEqualTo(expectedVersion + 1);
    }

    private GraphQlTester.Response markStepDone(Fixture plan, String stepId, long expectedVersion) {
        return enrollee(plan.login()).documentName("markStepDone").variable("input", Map.of("planId", plan.planId(),
                "goalId", plan.goalId(), "stepId", stepId, "done", true, "expectedVersion", expectedVersion)).execute();
    }

    private GraphQlTester.Response acknowledge(Fixture plan, long version) {
        return enrollee(plan.login()).documentName("acknowledgeRecoveryPlan").variable("input", Map.of(
                "planId", plan.planId(), "version", version)).execute();
    }

    private static List<Map<String, Object>> history(HttpGraphQlTester tester, String enrolleeId,
            boolean byEnrolleeOnly) {
        return tester.documentName("recoveryPlanHistory").variable("enrolleeId", enrolleeId)
                .variable("byEnrolleeOnly", byEnrolleeOnly).variable("first", 50).execute()
                .path("recoveryPlanHistory.edges[*].node").entityList(mapType()).get();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }

    private static void assertError(GraphQlTester.Response response, String code) {
        response.errors().satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", code)));
    }

    private static void assertError(GraphQlTester.Response response, String code, String detail, Object value) {
        response.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getExtensions()).containsEntry("code", code);
            assertThat(String.valueOf(error.getExtensions().get(detail))).isEqualTo(String.valueOf(value));
        }));
    }
}

package org.peerpath.people;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;
import static org.peerpath.demo.DemoData.id;

/** Who sees whom, over HTTP with real tokens: every denial path of the access policy, and administration. */
class PeopleIntegrationTest extends IntegrationTest {

    private static final String ENROLLEE_MI = id("enrollee.mi.0");
    private static final String ASSOCIATES_ENROLLEE_MI = id("enrollee.mi.5");

    @Test
    void coachSeesOnlyTheirOwnCaseload() {
        List<String> ids = coach("coach.mi").documentName("caseload").variable("first", 50).execute()
                .path("caseload.edges[*].node.id").entityList(String.class).get();
        assertThat(ids).contains(ENROLLEE_MI, id("enrollee.mi.1")).doesNotContain(ASSOCIATES_ENROLLEE_MI,
                id("enrollee.in.0"));
    }

    @Test
    void coachCannotSeeAnotherCaseloadInTheSameOrganization() {
        expectError(coach("coach.mi").documentName("enrollee").variable("id", ASSOCIATES_ENROLLEE_MI).execute(),
                "NOT_FOUND");
    }

    @Test
    void coachCannotSeeAnEnrolleeOfAnotherOrganization() {
        expectError(coach("coach.in").documentName("enrollee").variable("id", ENROLLEE_MI).execute(), "NOT_FOUND");
    }

    @Test
    void unknownEnrolleeLooksExactlyLikeSomeoneElses() {
        ResponseError unknown = expectError(coach("coach.mi").documentName("enrollee")
                .variable("id", UUID.randomUUID().toString()).execute(), "NOT_FOUND");
        ResponseError foreign = expectError(coach("coach.in").documentName("enrollee")
                .variable("id", ENROLLEE_MI).execute(), "NOT_FOUND");
        assertThat(foreign.getMessage().replace(ENROLLEE_MI, "X"))
                .isEqualTo(unknown.getMessage().replaceAll("[0-9a-f-]{36}", "X"));
    }

    @Test
    void supervisorSeesTheirWholeOrganizationButNoOther() {
        supervisor("supervisor.mi").documentName("enrollee").variable("id", ASSOCIATES_ENROLLEE_MI).execute()
                .path("enrollee.id").entity(String.class).isEqualTo(ASSOCIATES_ENROLLEE_MI);
        expectError(supervisor("supervisor.in").documentName("enrollee").variable("id", ENROLLEE_MI).execute(),
                "NOT_FOUND");
        List<String> listed = supervisor("supervisor.in").documentName("organizationEnrollees")
                .variable("first", 100).execute().path("enrollees.edges[*].node.id").entityList(String.class).get();
        assertThat(listed).contains(id("enrollee.in.0")).doesNotContain(ENROLLEE_MI);
    }

    @Test
    void enrolleeSeesOnlyTheirOwnProfile() {
        enrollee("enrollee.mi").documentName("me").execute()
                .path("me.kind").entity(String.class).isEqualTo("ENROLLEE")
                .path("me.enrollee.id").entity(String.class).isEqualTo(ENROLLEE_MI)
                .path("me.enrollee.coachName").entity(String.class).isEqualTo("Casey Coach-MI");
    }

    @Test
    void enrolleeCannotUseStaffQueriesEvenForThemself() {
        expectError(tester("enrollee.mi", "coach").documentName("enrollee").variable("id", ENROLLEE_MI).execute(),
                "FORBIDDEN");
        expectError(tester("enrollee.mi", "coach").documentName("caseload").execute(), "FORBIDDEN");
        expectError(tester("enrollee.mi", "supervisor").documentName("team").execute(), "FORBIDDEN");
    }

    @Test
    void coachCannotListTheOrganizationOrAdminister() {
        expectError(tester("coach.mi", "supervisor").documentName("organizationEnrollees").execute(), "FORBIDDEN");
        expectError(tester("coach.mi", "admin").documentName("createEnrollee")
                .variable("input", newEnrollee(UUID.randomUUID().toString(), "Kim")).execute(), "FORBIDDEN");
    }

    @Test
    void administratorCannotChangeAnotherOrganizationsEnrollee() {
        expectError(admin("admin.in").documentName("updateEnrollee").variable("input",
                Map.of("id", ENROLLEE_MI, "expectedVersion", 0, "preferredName", "Hijacked")).execute(), "NOT_FOUND");
        expectError(admin("admin.in").documentName("assignCoach").variable("input",
                Map.of("enrolleeId", ENROLLEE_MI, "coachId", id("coach.in"))).execute(), "NOT_FOUND");
    }

    @Test
    void cannotAssignACoachOfAnotherOrganization() {
        expectError(admin("admin").documentName("assignCoach").variable("input",
                Map.of("enrolleeId", id("enrollee.mi.7"), "coachId", id("coach.in"))).execute(), "NOT_FOUND");
    }

    @Test
    void creatingAnEnrolleeTwiceWithTheSameIdCreatesOne() {
        String newId = UUID.randomUUID().toString();
        Map<String, Object> input = newEnrollee(newId, "Robin");
        String first = admin("admin").documentName("createEnrollee").variable("input", input).execute()
                .path("createEnrollee.enrollee.id").entity(String.class).get();
        String retry = admin("admin").documentName("createEnrollee").variable("input", input).execute()
                .path("createEnrollee.enrollee.id").entity(String.class).get();
        assertThat(first).isEqualTo(newId).isEqualTo(retry);
        long copies = supervisor("supervisor.mi").documentName("organizationEnrollees").variable("first", 100)
                .variable("search", "Robin Idempotent").execute().path("enrollees.edges[*].node.id")
                .entityList(String.class).get().stream().filter(newId::equals).count();
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void reusingAnIdForDifferentContentIsAConflict() {
        String newId = UUID.randomUUID().toString();
        admin("admin").documentName("createEnrollee").variable("input", newEnrollee(newId, "Sky")).execute()
                .path("createEnrollee.enrollee.id").hasValue();
        expectError(admin("admin").documentName("createEnrollee").variable("input", newEnrollee(newId, "Other"))
                .execute(), "CONFLICT");
    }

    @Test
    void staleVersionIsAConflictCarryingTheCurrentVersion() {
        String newId = UUID.randomUUID().toString();
        admin("admin").documentName("createEnrollee").variable("input", newEnrollee(newId, "Vic")).execute()
                .path("createEnrollee.enrollee.version").entity(Integer.class).isEqualTo(0);
        admin("admin").documentName("updateEnrollee").variable("input",
                Map.of("id", newId, "expectedVersion", 0, "preferredName", "V")).execute()
                .path("updateEnrollee.enrollee.version").entity(Integer.class).isEqualTo(1);
        ResponseError conflict = expectError(admin("admin").documentName("updateEnrollee").variable("input",
                Map.of("id", newId, "expectedVersion", 0, "preferredName", "Lost update")).execute(), "CONFLICT");
        assertThat(conflict.getExtensions().get("currentVersion")).isEqualTo(1);
        supervisor("supervisor.mi").documentName("enrollee").variable("id", newId).execute()
                .path("enrollee.version").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void badEnrolleeInputListsEveryProblemAndWritesNothing() {
        String newId = UUID.randomUUID().toString();
        Map<String, Object> input = Map.of("id", newId, "firstName", " ", "lastName", "X",
                "dateOfBirth", "2999-01-01", "fundingSources", List.of("MEDICAID", "MEDICAID"), "status", "ENROLLED",
                "coachId", "not-a-uuid");
        ResponseError error = expectError(admin("admin").documentName("createEnrollee").variable("input", input)
                .execute(), "VALIDATION");
        assertThat(problems(error)).hasSize(5).anySatisfy(p -> assertThat(p).contains("firstName"))
                .anySatisfy(p -> assertThat(p).contains("dateOfBirth"))
                .anySatisfy(p -> assertThat(p).contains("fundingSources"))
                .anySatisfy(p -> assertThat(p).contains("coachId"))
                .anySatisfy(p -> assertThat(p).contains("enrolledOn"));
        expectError(supervisor("supervisor.mi").documentName("enrollee").variable("id", newId).execute(),
                "NOT_FOUND");
    }

    @Test
    void invalidArgumentsAreValidationErrors() {
        expectError(coach("coach.mi").documentName("caseload").variable("first", -1).execute(), "VALIDATION");
        expectError(coach("coach.mi").documentName("caseload").variable("after", "bm90LWEtY3Vyc29y").execute(),
                "VALIDATION");
        expectError(coach("coach.mi").documentName("caseload").variable("status", "SLEEPING").execute(),
                "VALIDATION");
        expectError(coach("coach.mi").documentName("enrollee").variable("id", "42").execute(), "VALIDATION");
        expectError(admin("admin").documentName("addAuthorization").variable("input", Map.of(
                "enrolleeId", ENROLLEE_MI, "id", UUID.randomUUID().toString(), "kind", "GENERAL",
                "validFrom", "2026-13-45", "validTo", "2027-01-01", "unitsAuthorized", 4)).execute(), "VALIDATION");
    }

    @Test
    void caseloadPagesWithOpaqueCursorsWithoutOverlap() {
        var firstPage = coach("coach.mi").documentName("caseload").variable("first", 2).execute();
        List<String> page1 = firstPage.path("caseload.edges[*].node.id").entityList(String.class).get();
        String cursor = firstPage.path("caseload.pageInfo.endCursor").entity(String.class).get();
        firstPage.path("caseload.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        List<String> page2 = coach("coach.mi").documentName("caseload").variable("first", 2)
                .variable("after", cursor).execute().path("caseload.edges[*].node.id").entityList(String.class).get();
        assertThat(page1).hasSize(2);
        assertThat(page2).isNotEmpty().doesNotContainAnyElementsOf(page1);
        assertThat(cursor).doesNotContain("java", "{");
    }

    @Test
    void caseloadSearchAndStatusFilter() {
        coach("coach.mi").documentName("caseload").variable("search", "rivers").execute()
                .path("caseload.edges[*].node.id").entityList(String.class).containsExactly(ENROLLEE_MI);
        List<String> discharged = coach("coach.mi").documentName("caseload").variable("status", "DISCHARGED")
                .execute().path("caseload.edges[*].node.status").entityList(String.class).get();
        assertThat(discharged).isNotEmpty().containsOnly("DISCHARGED");
    }

    @Test
    void everyAccessIsAuditedIncludingDenialsFromOutside() {
        String enrolleeId = UUID.randomUUID().toString();
        // Each access a second after the one before, on the service's clock: the trail lists the newest first.
        admin("admin").documentName("createEnrollee").variable("input", newEnrollee(enrolleeId, "Audra")).execute()
                .path("createEnrollee.enrollee.id").hasValue();
        clock.advance(Duration.ofSeconds(1));
        coach("coach.mi").documentName("enrollee").variable("id", enrolleeId).execute().path("enrollee.id")
                .hasValue();
        clock.advance(Duration.ofSeconds(1));
        expectError(coach("coach.in").documentName("enrollee").variable("id", enrolleeId).execute(), "NOT_FOUND");
        clock.advance(Duration.ofSeconds(1));
        List<Map<String, Object>> events = supervisor("supervisor.mi").documentName("auditEvents")
                .variable("enrolleeId", enrolleeId).variable("first", 100).execute()
                .path("auditEvents.edges[*].node").entityList(new ParameterizedTypeReference<Map<String, Object>>() {
                }).get();
        assertThat(events).extracting(e -> e.get("operation") + "/" + e.get("outcome") + "/" + e.get("actorId"))
                .containsExactly(
                        "auditEvents/ALLOWED/" + id("supervisor.mi"),
                        "enrollee/DENIED/" + id("coach.in"),
                        "enrollee/ALLOWED/" + id("coach.mi"),
                        "createEnrollee/ALLOWED/" + id("admin.mi"));
    }

    @Test
    void auditTrailIsForOverseersOfTheOrganizationOnly() {
        expectError(tester("coach.mi", "supervisor").documentName("auditEvents").variable("enrolleeId", ENROLLEE_MI)
                .execute(), "FORBIDDEN");
        expectError(supervisor("supervisor.in").documentName("auditEvents").variable("enrolleeId", ENROLLEE_MI)
                .execute(), "NOT_FOUND");
    }

    @Test
    void abusivelyDeepQueriesAreRejected() {
        String nested = "supervisor { ".repeat(14) + "id" + " }".repeat(14);
        expectError(supervisor("supervisor.mi").document("{ staffMembers { edges { node { " + nested
                + " } } } }").execute(), "QUERY_TOO_COMPLEX");
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        anonymous().post().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", "{ me { id } }"))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
        String forged = token("coach.mi").substring(0, token("coach.mi").length() - 4) + "AAAA";
        client().defaultHeader("Authorization", "Bearer " + forged).build().post()
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", "{ me { id } }"))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static Map<String, Object> newEnrollee(String id, String firstName) {
        return Map.of("id", id, "firstName", firstName, "lastName", "Idempotent", "dateOfBirth", "1988-02-29",
                "fundingSources", List.of("MEDICAID", "BLOCK_GRANT"), "status", "ENROLLED",
                "enrolledOn", "2026-10-01", "coachId", id("coach.mi"));
    }
}

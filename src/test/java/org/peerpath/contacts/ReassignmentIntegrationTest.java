package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import static org.peerpath.demo.DemoData.id;

/**
 * A client moves to another coach while the first coach still has work on the record (issue 10, item 4; security
 * issue 15, item 7): the coach who delivered a service reads, signs, amends and voids their own contacts of that
 * client and nothing else of the record; the supervisor sees the stranded drafts; every refusal is audited.
 */
class ReassignmentIntegrationTest extends IntegrationTest {

    @Test
    void theFirstCoachSignsAStrandedDraftAfterReassignmentAndSeesNothingElseOfTheClient() {
        String client = newIndianaClientOf("coach.in");
        Instant base = clock.instant().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(15));
        String stranded = log("coach.in", client, base);
        String toVoid = log("coach.in", client, base.plus(Duration.ofHours(1)));
        String signed = log("coach.in", client, base.plus(Duration.ofHours(2)));
        sign("coach.in", signed, 0).path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED");

        supervisor("supervisor.in").documentName("assignCoach").variable("input", Map.of("enrolleeId", client,
                "coachId", id("coach2.in"))).execute().path("assignCoach.enrollee.id").hasValue();
        String newCoachs = log("coach2.in", client, base.plus(Duration.ofHours(3)));

        // The supervisor sees the drafts whose author no longer has the client, not the new coach's own draft.
        supervisor("supervisor.in").documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.strandedDrafts[*].id").entityList(String.class)
                .contains(stranded, toVoid).doesNotContain(newCoachs, signed);

        // The first coach still has their own contacts, on every path, and finishes them.
        coach("coach.in").documentName("contact").variable("id", stranded).execute()
                .path("contact.narrative").entity(String.class).isEqualTo("Met at the office about the job search.");
        coach("coach.in").documentName("draftsAwaitingSignature").execute()
                .path("draftsAwaitingSignature[*].id").entityList(String.class).contains(stranded, toVoid)
                .doesNotContain(newCoachs);
        coach("coach.in").documentName("myContacts").variable("first", 100).execute()
                .path("myContacts.edges[*].node.id").entityList(String.class).contains(stranded, toVoid, signed)
                .doesNotContain(newCoachs);
        GraphQlTester.Response done = sign("coach.in", stranded, 0);
        done.path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.signedBy").entity(String.class).isEqualTo(id("coach.in"));
        coach("coach.in").documentName("amendContact").variable("input", Map.of("id", signed, "expectedVersion", 1,
                "addendumId", UUID.randomUUID().toString(), "reason", "Late entry", "text", "Also discussed bus fare."))
                .execute().path("amendContact.contact.addenda[*].reason").entityList(String.class)
                .containsExactly("Late entry");
        coach("coach.in").documentName("voidContact").variable("input", Map.of("id", toVoid, "expectedVersion", 0,
                "reason", "Logged twice")).execute().path("voidContact.contact.status").entity(String.class)
                .isEqualTo("VOIDED");
        supervisor("supervisor.in").documentName("supervisorDashboard").execute()
                .path("supervisorDashboard.strandedDrafts[*].id").entityList(String.class)
                .doesNotContain(stranded, toVoid);

        // Nothing else of the client: not the enrollee, not the new coach's contact, not the plan or consents, no
        // new contact; each refusal reads like an unknown id.
        expectError(coach("coach.in").documentName("enrollee").variable("id", client).execute(), "NOT_FOUND");
        expectError(coach("coach.in").documentName("enrolleeContacts").variable("enrolleeId", client).execute(),
                "NOT_FOUND");
        expectError(coach("coach.in").documentName("recoveryPlan").variable("enrolleeId", client).execute(),
                "NOT_FOUND");
        expectError(coach("coach.in").documentName("consents").variable("enrolleeId", client).execute(),
                "NOT_FOUND");
        expectError(coach("coach.in").documentName("logContact").variable("input",
                contactInput(client, base.plus(Duration.ofHours(5)))).execute(), "NOT_FOUND");
        ResponseError other = expectError(coach("coach.in").documentName("contact").variable("id", newCoachs)
                .execute(), "NOT_FOUND");
        String random = UUID.randomUUID().toString();
        ResponseError unknown = expectError(coach("coach.in").documentName("contact").variable("id", random)
                .execute(), "NOT_FOUND");
        assertThat(other.getMessage().replace(newCoachs, "X")).isEqualTo(unknown.getMessage().replace(random, "X"));

        // Only the author changes a contact: the new coach reads the first coach's contact but cannot sign or void
        // it; a supervisor cannot sign it either.
        coach("coach2.in").documentName("contact").variable("id", signed).execute().path("contact.id").hasValue();
        String stillTheirs = newIndianaClientOf("coach.in");
        String foreignDraft = log("coach.in", stillTheirs, base.plus(Duration.ofHours(6)));
        expectError(sign("coach2.in", foreignDraft, 0), "NOT_FOUND");
        expectError(coach("coach2.in").documentName("voidContact").variable("input", Map.of("id", signed,
                "expectedVersion", 2, "reason", "Not mine")).execute(), "NOT_FOUND");
        expectError(tester("supervisor.in", "coach").documentName("signContact").variable("input",
                Map.of("id", foreignDraft, "expectedVersion", 0)).execute(), "FORBIDDEN");
        coach("coach.in").documentName("contact").variable("id", signed).execute()
                .path("contact.status").entity(String.class).isEqualTo("SIGNED");

        assertThat(trailOf(client)).contains("signContact/ALLOWED/" + id("coach.in"),
                "amendContact/ALLOWED/" + id("coach.in"), "voidContact/ALLOWED/" + id("coach.in"),
                "enrollee/DENIED/" + id("coach.in"), "contacts/DENIED/" + id("coach.in"),
                "contact/DENIED/" + id("coach.in"), "recoveryPlan/DENIED/" + id("coach.in"),
                "consents/DENIED/" + id("coach.in"), "logContact/DENIED/" + id("coach.in"),
                "voidContact/DENIED/" + id("coach2.in"));
        coach("coach.in").documentName("contact").variable("id", foreignDraft).execute()
                .path("contact.status").entity(String.class).isEqualTo("DRAFT");
        assertThat(trailOf(stillTheirs)).contains("signContact/DENIED/" + id("coach2.in"),
                "signContact/DENIED/" + id("supervisor.in"));
    }

    private String log(String login, String client, Instant start) {
        return coach(login).documentName("logContact").variable("input", contactInput(client, start)).execute()
                .path("logContact.contact.id").entity(String.class).get();
    }

    private GraphQlTester.Response sign(String login, String contactId, int version) {
        return coach(login).documentName("signContact")
                .variable("input", Map.of("id", contactId, "expectedVersion", version)).execute();
    }

    private static Map<String, Object> contactInput(String client, Instant start) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("enrolleeId", client);
        input.put("type", "FACE_TO_FACE");
        input.put("start", start.toString());
        input.put("end", start.plus(Duration.ofMinutes(30)).toString());
        input.put("placeOfService", "OFFICE");
        input.put("activities", List.of("RESOURCE_LINKAGE"));
        input.put("supportTypes", List.of("INFORMATIONAL"));
        input.put("narrative", "Met at the office about the job search.");
        return input;
    }

    private String newIndianaClientOf(String coach) {
        String enrolleeId = UUID.randomUUID().toString();
        admin("admin.in").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Moved", "lastName", "Client", "dateOfBirth", "1988-02-03",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2026-01-01",
                "coachId", id(coach))).execute().path("createEnrollee.enrollee.id").hasValue();
        return enrolleeId;
    }

    private List<String> trailOf(String enrolleeId) {
        return auditTrail("supervisor.in", enrolleeId);
    }
}

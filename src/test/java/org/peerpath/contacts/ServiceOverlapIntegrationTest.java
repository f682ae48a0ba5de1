package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;

/**
 * One provider per unit of service (CMS FAQ A1) over HTTP: one client never billed twice for the same time,
 * whoever delivers the services; a coach never bills an individual service during their own group or individual
 * service; decided atomically at signing; released on void and amendment.
 */
class ServiceOverlapIntegrationTest extends AgencyTest {

    @Test
    void afterAReassignmentTheSecondCoachCannotBillTheHourTheFirstAlreadyBilled() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = client(agency);
        String first = signNew(agency.coach(), faceToFace(client, at, 60))
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.id").entity(String.class).get();

        reassign(agency, client, agency.otherCoachId());
        GraphQlTester.Response second = signNew(agency.otherCoach(), faceToFace(client, at.plus(Duration.ofMinutes(30)), 60));

        second.path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("OVERLAPPING_SERVICE");
        assertThat(second.path("signContact.contact.billing.findings[0].message").entity(String.class).get())
                .contains(first, "another coach");
        assertThat(usedUnits(agency, client)).isEqualTo(4);
    }

    @Test
    void aCoachCannotBillAnIndividualServiceDuringTheirOwnGroup() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String groupMember = client(agency);
        String otherClient = client(agency);
        Map<String, Object> group = faceToFace(groupMember, at, 60);
        group.put("setting", "GROUP");
        group.put("groupFormat", "PEER_LED");
        String groupId = signNew(agency.coach(), group).path("signContact.contact.billing.billable").entity(Boolean.class)
                .isEqualTo(true).path("signContact.contact.id").entity(String.class).get();

        GraphQlTester.Response individual = signNew(agency.coach(),
                faceToFace(otherClient, at.plus(Duration.ofMinutes(15)), 30));
        individual.path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("OVERLAPPING_SERVICE");
        assertThat(individual.path("signContact.contact.billing.findings[0].message").entity(String.class).get())
                .contains(groupId, "group");
        assertThat(usedUnits(agency, otherClient)).isZero();

        // A second member of the same group at the same time is not an overlap: a group serves several clients.
        String secondMember = client(agency);
        Map<String, Object> sameGroup = faceToFace(secondMember, at, 60);
        sameGroup.put("setting", "GROUP");
        sameGroup.put("groupFormat", "PEER_LED");
        signNew(agency.coach(), sameGroup).path("signContact.contact.billing.billable").entity(Boolean.class)
                .isEqualTo(true);
    }

    @Test
    void voidingTheWinnerReleasesItsTimeAndAnAmendmentThenBillsTheOther() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = client(agency);
        String winner = signNew(agency.coach(), faceToFace(client, at, 60)).path("signContact.contact.id")
                .entity(String.class).get();
        String loser = signNew(agency.coach(), faceToFace(client, at.plus(Duration.ofMinutes(30)), 30))
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.id").entity(String.class).get();
        assertThat(usedUnits(agency, client)).isEqualTo(4);

        coach(agency.coach()).documentName("voidContact").variable("input", Map.of("id", winner, "expectedVersion", 1,
                "reason", "Logged twice")).execute().path("voidContact.contact.status").entity(String.class)
                .isEqualTo("VOIDED");
        assertThat(usedUnits(agency, client)).isZero();

        coach(agency.coach()).documentName("amendContact").variable("input", Map.of("id", loser, "expectedVersion", 1,
                "addendumId", UUID.randomUUID().toString(), "reason", "Duplicate voided",
                "text", "The other entry was a duplicate and is voided.")).execute()
                .path("amendContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true)
                .path("amendContact.contact.billing.units").entity(Integer.class).isEqualTo(2);
        assertThat(usedUnits(agency, client)).isEqualTo(2);

        // Amending the end so it no longer overlaps keeps both billable: the ledgers hold the amended times.
        String later = signNew(agency.coach(), faceToFace(client, at.plus(Duration.ofMinutes(75)), 30))
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.id").entity(String.class).get();
        assertThat(later).isNotEqualTo(loser);
        assertThat(usedUnits(agency, client)).isEqualTo(4);
    }

    @Test
    void aPhoneContactIsNeverAGroupAndAGroupNeedsTheClientPresent() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = client(agency);
        Map<String, Object> phoneGroup = faceToFace(client, at, 30);
        phoneGroup.put("type", "PHONE");
        phoneGroup.put("setting", "GROUP");
        phoneGroup.put("groupFormat", "PEER_LED");
        assertThat(problems(expectError(coach(agency.coach()).documentName("logContact").variable("input", phoneGroup)
                .execute(), "VALIDATION"))).anySatisfy(p -> assertThat(p).contains("phone contact cannot be a group"));

        Map<String, Object> absentGroup = faceToFace(client, at, 30);
        absentGroup.put("type", "COLLATERAL_PROFESSIONAL");
        absentGroup.put("clientPresent", false);
        absentGroup.put("personContacted", Map.of("name", "Probation officer"));
        absentGroup.put("setting", "GROUP");
        absentGroup.put("groupFormat", "PEER_LED");
        assertThat(problems(expectError(coach(agency.coach()).documentName("logContact").variable("input", absentGroup)
                .execute(), "VALIDATION"))).anySatisfy(p -> assertThat(p).contains("client present in person"));

        Map<String, Object> draft = faceToFace(client, at, 30);
        coach(agency.coach()).documentName("logContact").variable("input", draft).execute().path("logContact.contact.id")
                .hasValue();
        expectError(coach(agency.coach()).documentName("updateContactDraft").variable("input", Map.of("id",
                draft.get("id"), "expectedVersion", 0, "type", "PHONE", "setting", "GROUP", "groupFormat", "PEER_LED"))
                .execute(), "VALIDATION");
        coach(agency.coach()).documentName("enrolleeContacts").variable("enrolleeId", client).execute()
                .path("contacts.edges[*].node.id").entityList(String.class).containsExactly((String) draft.get("id"));
        coach(agency.coach()).documentName("contact").variable("id", draft.get("id")).execute()
                .path("contact.setting").entity(String.class).isEqualTo("INDIVIDUAL");
    }

    /**
     * Issue 11, "done when": 20 overlapping signings for one client by two coaches, sent at once over HTTP, leave
     * exactly one billable contact. The client moves from the first coach to the second after the first logged
     * their ten drafts (a real reassignment: the first coach still signs their own contacts), and each coach's
     * services are peer-led groups, which do not collide on the coach's own ledger, so every one of the 20
     * signings reaches the client's ledger, which alone decides. Runs on the embedded server and, through
     * IntegrationTest, on the Testcontainers MongoDB replica set where Docker exists.
     */
    @Test
    void twentyOverlappingSigningsForOneClientByTwoCoachesLeaveExactlyOneBillable() throws Exception {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = client(agency);
        Map<String, String> authorOf = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            if (i == 10) {
                reassign(agency, client, agency.otherCoachId());
            }
            String coach = i < 10 ? agency.coach() : agency.otherCoach();
            Map<String, Object> input = group(faceToFace(client, at.plus(Duration.ofMinutes(i)), 45));
            coach(coach).documentName("logContact").variable("input", input).execute()
                    .path("logContact.contact.id").hasValue();
            authorOf.put((String) input.get("id"), coach);
        }
        // Tokens fetched once, before the race.
        assertThat(token(agency.coach())).isNotBlank();
        assertThat(token(agency.otherCoach())).isNotBlank();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Map<String, Object>> signed = new ArrayList<>();
        try {
            List<Callable<Map<String, Object>>> signings = authorOf.entrySet().stream()
                    .<Callable<Map<String, Object>>>map(entry -> () -> sign(entry.getValue(), entry.getKey())
                            .path("signContact.contact").entity(new ParameterizedTypeReference<Map<String, Object>>() {
                            }).get())
                    .toList();
            for (Future<Map<String, Object>> result : pool.invokeAll(signings)) {
                signed.add(result.get());
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(signed).hasSize(20).allSatisfy(contact -> assertThat(contact.get("status")).isEqualTo("SIGNED"));
        assertThat(signed.stream().map(contact -> contact.get("coachId")).distinct())
                .containsExactlyInAnyOrder(agency.coachId(), agency.otherCoachId());
        List<Map<String, Object>> billable = signed.stream().filter(contact -> billing(contact).get("billable")
                .equals(true)).toList();
        assertThat(billable).hasSize(1);
        Map<String, Object> winner = billable.get(0);
        // Every other signing is saved and signed, not billable, and names the one contact that bills the time.
        assertThat(signed).filteredOn(contact -> contact != winner).hasSize(19).allSatisfy(contact -> {
            List<Map<String, Object>> findings = findings(contact);
            assertThat(findings).singleElement().satisfies(finding -> {
                assertThat(finding.get("code")).isEqualTo("OVERLAPPING_SERVICE");
                assertThat((String) finding.get("message")).contains((String) winner.get("id"));
            });
        });
        int winnersUnits = (Integer) billing(winner).get("units");
        assertThat(winnersUnits).isEqualTo(3);
        assertThat(usedUnits(agency, client)).isEqualTo(winnersUnits);
        supervisor(agency.supervisor()).documentName("enrolleeContacts").variable("enrolleeId", client)
                .variable("filter", Map.of("billable", false)).variable("first", 50).execute()
                .path("contacts.edges[*].node.billing.findings[*].code").entityList(String.class)
                .satisfies(codes -> assertThat(codes).hasSize(19).containsOnly("OVERLAPPING_SERVICE"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> billing(Map<String, Object> contact) {
        return (Map<String, Object>) contact.get("billing");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> findings(Map<String, Object> contact) {
        return (List<Map<String, Object>>) billing(contact).get("findings");
    }

    /** A Michigan client of the agency's first coach with a general authorization of 400 units. */
    private String client(Agency agency) {
        String enrolleeId = enrollee(agency);
        authorize(agency, enrolleeId, "GENERAL", 400);
        return enrolleeId;
    }
}

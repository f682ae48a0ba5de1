package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.database.CommandCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;

/**
 * A crash between the two writes of a signing (ledger, then contact), a void (contact, then ledger) and an
 * amendment (ledger, then contact) leaves the unit ledger and the contacts apart; the reconciliation brings the
 * ledger back to what the contacts say, reports each repair and records it in the audit trail (issue 18, item 1).
 * The crash is {@link CrashPoints}: the request stops between its writes and nothing puts the first one back,
 * as when the process dies there.
 */
class LedgerReconciliationIntegrationTest extends AgencyTest {

    @Autowired
    private CrashPoints crashPoints;

    @Autowired
    private ReconciliationSettings settings;

    @Autowired
    private LedgerReconciliation reconciliation;

    @Test
    void crashesBetweenTheTwoWritesInEitherOrderAreRepairedAndUsageEqualsTheSignedContacts() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = enrollee(agency);
        authorize(agency, client, "GENERAL", 400);
        signNew(agency.coach(), faceToFace(client, at, 60)).path("signContact.contact.billing.units")
                .entity(Integer.class).isEqualTo(4);

        // Ledger written, contact not: a draft whose 4 units the ledger charges.
        Map<String, Object> signing = faceToFace(client, at.plus(Duration.ofHours(2)), 60);
        coach(agency.coach()).documentName("logContact").variable("input", signing).execute()
                .path("logContact.contact.id").hasValue();
        String interruptedSigning = (String) signing.get("id");
        crashPoints.arm(interruptedSigning);
        expectError(sign(agency.coach(), interruptedSigning), "INTERNAL");

        // Contact written, ledger not: a voided contact whose 2 units the ledger still charges.
        String interruptedVoid = (String) signNew(agency.coach(), faceToFace(client, at.plus(Duration.ofHours(4)), 30))
                .path("signContact.contact.id").entity(String.class).get();
        crashPoints.arm(interruptedVoid);
        expectError(coach(agency.coach()).documentName("voidContact").variable("input", Map.of("id", interruptedVoid,
                "expectedVersion", 1, "reason", "Logged twice")).execute(), "INTERNAL");

        // An amendment from 4 units to 2: the ledger reserved 2, the contact still says 4.
        String interruptedAmendment = (String) signNew(agency.coach(),
                faceToFace(client, at.plus(Duration.ofHours(6)), 60)).path("signContact.contact.id")
                .entity(String.class).get();
        crashPoints.arm(interruptedAmendment);
        expectError(coach(agency.coach()).documentName("amendContact").variable("input", Map.of(
                "id", interruptedAmendment, "expectedVersion", 1, "addendumId", UUID.randomUUID().toString(),
                "reason", "Wrong end time", "text", "It ended at the half hour.",
                "end", at.plus(Duration.ofHours(6)).plus(Duration.ofMinutes(30)).toString())).execute(), "INTERNAL");

        assertThat(usedUnits(agency, client)).as("apart: 4 + 4 + 2 + 2").isEqualTo(12);
        assertThat(signedBillableUnits(agency, client)).isEqualTo(8);

        // Younger than the grace period, each may still be in flight: nothing is touched.
        assertThat(reconcile(agency)).isEmpty();
        assertThat(usedUnits(agency, client)).isEqualTo(12);

        clock.advance(settings.grace().plusMinutes(1));
        List<Map<String, Object>> repairs = reconcile(agency);

        assertThat(repairs).extracting(r -> r.get("contactId") + "/" + r.get("kind") + "/" + r.get("units"))
                .containsExactlyInAnyOrder(interruptedSigning + "/RELEASED/4", interruptedVoid + "/RELEASED/2",
                        interruptedAmendment + "/CORRECTED/4");
        assertThat(repairs).allSatisfy(r -> assertThat(r.get("enrolleeId")).isEqualTo(client));
        assertThat(usedUnits(agency, client)).isEqualTo(signedBillableUnits(agency, client)).isEqualTo(8);
        List<Map<String, Object>> audited = auditEvents(agency, client).stream()
                .filter(e -> e.get("operation").equals("reconcileLedgers")).toList();
        assertThat(audited).hasSize(3).allSatisfy(e -> assertThat(e.get("actorRole")).isEqualTo("ADMIN"));
        assertThat(audited).extracting(e -> (String) e.get("detail")).anySatisfy(
                detail -> assertThat(detail).contains(interruptedSigning, "draft"));

        // Repaired once: a second run finds nothing, and the contacts go on as if nothing happened.
        assertThat(reconcile(agency)).isEmpty();
        sign(agency.coach(), interruptedSigning).path("signContact.contact.billing.billable").entity(Boolean.class)
                .isEqualTo(true);
        assertThat(usedUnits(agency, client)).isEqualTo(signedBillableUnits(agency, client)).isEqualTo(12);
    }

    @Test
    void theRunAtStartUpAndOnTheScheduleRepairsAsTheServiceItself() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = enrollee(agency);
        authorize(agency, client, "GENERAL", 400);
        Map<String, Object> signing = faceToFace(client, at, 60);
        coach(agency.coach()).documentName("logContact").variable("input", signing).execute()
                .path("logContact.contact.id").hasValue();
        String interrupted = (String) signing.get("id");
        crashPoints.arm(interrupted);
        expectError(sign(agency.coach(), interrupted), "INTERNAL");
        clock.advance(settings.grace().plusMinutes(1));

        assertThat(reconciliation.reconcileEverywhere()).filteredOn(r -> r.enrolleeId().equals(client))
                .extracting(r -> r.contactId() + "/" + r.kind()).containsExactly(interrupted + "/RELEASED");

        assertThat(usedUnits(agency, client)).isZero();
        assertThat(auditEvents(agency, client)).filteredOn(e -> e.get("operation").equals("reconcileLedgers"))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("actorId")).isEqualTo("peerpath");
                    assertThat(e.get("actorRole")).isEqualTo("SERVICE");
                });
    }

    @Test
    void onlyAdministratorsReconcileAndOnlyTheirOwnOrganization() {
        pinNowAndServiceDay();
        Agency agency = michigan();
        expectError(tester(agency.supervisor(), "admin").documentName("reconcileLedgers").execute(), "FORBIDDEN");
        expectError(tester(agency.coach(), "admin").documentName("reconcileLedgers").execute(), "FORBIDDEN");
        admin(agency.admin()).documentName("reconcileLedgers").execute()
                .path("reconcileLedgers.enrolleesChecked").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void aRunReadsTheOrganizationInPagesNotOneEnrolleeAtATime() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        for (int i = 0; i < 2; i++) {
            signedClient(agency, at.plus(Duration.ofMinutes(70L * i))); // one coach: services must not overlap
        }
        long few = commandsOfOneRun(agency, 2);
        for (int i = 2; i < 12; i++) {
            signedClient(agency, at.plus(Duration.ofMinutes(70L * i)));
        }
        // One enrollee at a time this was three more commands per enrollee (30 here); at 10,000 enrollees on the
        // embedded default the run at start-up took hours (issue 19).
        assertThat(commandsOfOneRun(agency, 12)).isEqualTo(few);
    }

    private void signedClient(Agency agency, Instant at) {
        String client = enrollee(agency);
        authorize(agency, client, "GENERAL", 400);
        signNew(agency.coach(), faceToFace(client, at, 60)).path("signContact.contact.billing.units")
                .entity(Integer.class).isEqualTo(4);
    }

    private long commandsOfOneRun(Agency agency, int enrollees) {
        long before = CommandCounter.started();
        GraphQlTester.Response run = admin(agency.admin()).documentName("reconcileLedgers").execute();
        long commands = CommandCounter.started() - before;
        run.path("reconcileLedgers.enrolleesChecked").entity(Integer.class).isEqualTo(enrollees);
        run.path("reconcileLedgers.repairs").entityList(Object.class).hasSize(0);
        return commands;
    }

    private List<Map<String, Object>> reconcile(Agency agency) {
        return admin(agency.admin()).documentName("reconcileLedgers").execute().path("reconcileLedgers.repairs")
                .entity(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).get();
    }

    /** The units of the enrollee's signed, billable contacts, as the contacts themselves say. */
    private int signedBillableUnits(Agency agency, String client) {
        GraphQlTester.Response contacts = supervisor(agency.supervisor()).documentName("enrolleeContacts")
                .variable("enrolleeId", client).variable("filter", Map.of("signed", true, "billable", true))
                .variable("first", 100).execute();
        return contacts.path("contacts.edges[*].node.billing.units").entityList(Integer.class).get().stream()
                .mapToInt(Integer::intValue).sum();
    }

    private List<Map<String, Object>> auditEvents(Agency agency, String client) {
        return supervisor(agency.supervisor()).documentName("auditEvents").variable("enrolleeId", client)
                .variable("first", 100).execute().path("auditEvents.edges[*].node")
                .entityList(new ParameterizedTypeReference<Map<String, Object>>() {
                }).get();
    }
}

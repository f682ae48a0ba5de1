package org.peerpath.contacts;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;

/**
 * The phone retries a signing or a void whose answer it lost, with the same {@code expectedVersion} (issue 18,
 * item 6): the retry answers the contact as the first request left it and changes nothing; the same mutation
 * that is not such a retry is refused.
 */
class ContactRetryIntegrationTest extends AgencyTest {

    @Test
    void aSigningRetriedAfterItSucceededReturnsTheSignedContactAndChargesOnce() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = client(agency);
        String contactId = (String) logged(agency, faceToFace(client, at, 60)).get("id");

        sign(agency.coach(), contactId).path("signContact.contact.version").entity(Long.class).isEqualTo(1L);
        GraphQlTester.Response retried = sign(agency.coach(), contactId);

        retried.path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.version").entity(Long.class).isEqualTo(1L)
                .path("signContact.contact.billing.units").entity(Integer.class).isEqualTo(4)
                .path("signContact.contact.history[*].action").entityList(String.class)
                .containsExactly("LOGGED", "SIGNED");
        assertThat(usedUnits(agency, client)).isEqualTo(4);
    }

    @Test
    void signingAContactSignedSinceChangedIsStillRefused() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String contactId = (String) logged(agency, faceToFace(client(agency), at, 60)).get("id");
        sign(agency.coach(), contactId).path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED");
        coach(agency.coach()).documentName("amendContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 1, "addendumId", java.util.UUID.randomUUID().toString(), "reason", "Typo",
                "text", "The landlord called back.")).execute().path("amendContact.contact.version")
                .entity(Long.class).isEqualTo(2L);

        // Version 0 is no longer the version this signing was made from: not a retry.
        expectError(sign(agency.coach(), contactId), "VALIDATION");
    }

    @Test
    void aVoidRetriedReturnsTheVoidedContactButVoidingAVoidedContactAnewIsRefused() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String contactId = (String) logged(agency, faceToFace(client(agency), at, 60)).get("id");

        voidIt(agency, contactId, 0).path("voidContact.contact.version").entity(Long.class).isEqualTo(1L);
        voidIt(agency, contactId, 0).path("voidContact.contact.status").entity(String.class).isEqualTo("VOIDED")
                .path("voidContact.contact.version").entity(Long.class).isEqualTo(1L)
                .path("voidContact.contact.history[*].action").entityList(String.class)
                .containsExactly("LOGGED", "VOIDED");

        // Against the voided version: a new request to void, not a retry of the one that did.
        expectError(voidIt(agency, contactId, 1), "VALIDATION");
    }

    private Map<String, Object> logged(Agency agency, Map<String, Object> input) {
        coach(agency.coach()).documentName("logContact").variable("input", input).execute()
                .path("logContact.contact.id").hasValue();
        return input;
    }

    private GraphQlTester.Response voidIt(Agency agency, String contactId, long expectedVersion) {
        return coach(agency.coach()).documentName("voidContact").variable("input", Map.of("id", contactId,
                "expectedVersion", expectedVersion, "reason", "Logged twice")).execute();
    }

    private String client(Agency agency) {
        String enrolleeId = enrollee(agency);
        authorize(agency, enrolleeId, "GENERAL", 400);
        return enrolleeId;
    }
}

package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Privacy wherever others may be present, over HTTP (issue 11, item 3; TennCare policy, Policy, seeds/000: "a Peer
 * Support Center or any other place where other people may be present"): in Tennessee, at every place but the
 * enrollee's home and the provider's office, the coach answers whether a private area was used; unanswered or no
 * is TN.PRIVACY_NOT_ASSURED, which the preview lists so the app asks before signing.
 */
class PrivacyIntegrationTest extends AgencyTest {

    @Test
    void theAppAsksBeforeSigningAndOnlyAServiceInAPrivateAreaBills() {
        Instant at = pinNowAndServiceDay();
        Agency agency = agency("TN", "America/Chicago", true);
        String client = enrollee(agency);
        authorize(agency, client, "PLAN_OF_CARE", 96);

        // At a jail (billable on the main of issue 11: only the peer support center was asked about).
        Map<String, Object> atJail = faceToFace(client, at, 60);
        atJail.put("placeOfService", "JAIL");
        GraphQlTester.Response preview = coach(agency.coach()).documentName("previewContactBilling")
                .variable("input", atJail).execute();
        preview.path("previewContactBilling.billable").entity(Boolean.class).isEqualTo(false)
                .path("previewContactBilling.findings[*].code").entityList(String.class)
                .containsExactly("TN.PRIVACY_NOT_ASSURED")
                .path("previewContactBilling.findings[0].message").entity(String.class)
                .satisfies(message -> assertThat(message).contains("Record whether a private area was used"))
                .path("previewContactBilling.findings[0].source").entity(String.class)
                .satisfies(source -> assertThat(source).contains("TennCare policy"));

        // Answered yes: the preview is clean, and signing the draft edited with the answer bills.
        Map<String, Object> answered = new HashMap<>(atJail);
        answered.put("privateAreaUsed", true);
        coach(agency.coach()).documentName("previewContactBilling").variable("input", answered).execute()
                .path("previewContactBilling.billable").entity(Boolean.class).isEqualTo(true)
                .path("previewContactBilling.findings").entityList(Object.class).hasSize(0);
        coach(agency.coach()).documentName("logContact").variable("input", atJail).execute()
                .path("logContact.contact.billing.findings[*].code").entityList(String.class)
                .contains("SIGNATURE_REQUIRED", "TN.PRIVACY_NOT_ASSURED");
        coach(agency.coach()).documentName("updateContactDraft").variable("input", Map.of("id", atJail.get("id"),
                "expectedVersion", 0, "privateAreaUsed", true)).execute()
                .path("updateContactDraft.contact.privateAreaUsed").entity(Boolean.class).isEqualTo(true);
        coach(agency.coach()).documentName("signContact").variable("input", Map.of("id", atJail.get("id"),
                "expectedVersion", 1)).execute()
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true)
                .path("signContact.contact.billing.units").entity(Integer.class).isEqualTo(4);

        // Signed without an answer, in the community: saved and signed, not billable, no units used.
        Map<String, Object> inTheCommunity = faceToFace(client, at.plus(Duration.ofHours(2)), 60);
        inTheCommunity.put("placeOfService", "COMMUNITY");
        signNew(agency.coach(), inTheCommunity)
                .path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("TN.PRIVACY_NOT_ASSURED");

        // Answered no at a hospital: not billable either.
        Map<String, Object> atHospital = faceToFace(client, at.plus(Duration.ofHours(4)), 60);
        atHospital.put("placeOfService", "HOSPITAL");
        atHospital.put("privateAreaUsed", false);
        signNew(agency.coach(), atHospital)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("TN.PRIVACY_NOT_ASSURED");

        // At the enrollee's home the question is not asked.
        Map<String, Object> atHome = faceToFace(client, at.plus(Duration.ofHours(6)), 60);
        atHome.put("placeOfService", "HOME");
        signNew(agency.coach(), atHome)
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true);

        assertThat(usedUnits(agency, client)).isEqualTo(8);
    }

    @Test
    void onlyTennesseeAsks() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = enrollee(agency);
        authorize(agency, client, "GENERAL", 96);
        Map<String, Object> inTheCommunity = faceToFace(client, at, 60);
        inTheCommunity.put("placeOfService", "COMMUNITY");

        coach(agency.coach()).documentName("previewContactBilling").variable("input", inTheCommunity).execute()
                .path("previewContactBilling.billable").entity(Boolean.class).isEqualTo(true)
                .path("previewContactBilling.findings[*].code").entityList(String.class)
                .satisfies(codes -> assertThat(codes).doesNotContain("TN.PRIVACY_NOT_ASSURED"));
    }
}

package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The monthly face-to-face of stand-alone services (Michigan guidance XI.E) over HTTP: every signed service with
 * the client present in person counts, whatever its type; a draft does not.
 */
class MonthlyFaceToFaceIntegrationTest extends AgencyTest {

    /** Mid-June in Detroit; the client's acute treatment ended in May, so June needs a face-to-face. */
    private static final Instant NOW = Instant.parse("2026-06-17T15:00:00Z");

    @Test
    void aSignedCourtDateWithTheClientCountsAndADraftVisitDoesNot() {
        clock.pin(NOW);
        Agency agency = michigan();
        String client = standAloneClient(agency);
        Instant visit = Instant.parse("2026-06-10T14:00:00Z");

        coach(agency.coach()).documentName("logContact").variable("input", faceToFace(client, visit, 45)).execute()
                .path("logContact.contact.status").entity(String.class).isEqualTo("DRAFT");
        coach(agency.coach()).documentName("engagement").variable("enrolleeId", client).execute()
                .path("engagement.monthlyFaceToFaceMet").entity(Boolean.class).isEqualTo(false)
                .path("engagement.lastFaceToFaceOn").valueIsNull();

        Map<String, Object> courtDate = faceToFace(client, visit.plus(Duration.ofDays(2)), 90);
        courtDate.put("type", "COLLATERAL_PROFESSIONAL");
        courtDate.put("clientPresent", true);
        courtDate.put("placeOfService", "COMMUNITY");
        courtDate.put("personContacted", Map.of("name", "Judge Amos", "relationship", "drug court judge"));
        signNew(agency.coach(), courtDate).path("signContact.contact.billing.procedureCode").entity(String.class)
                .isEqualTo("T1012");

        coach(agency.coach()).documentName("engagement").variable("enrolleeId", client).execute()
                .path("engagement.monthlyFaceToFaceMet").entity(Boolean.class).isEqualTo(true)
                .path("engagement.lastFaceToFaceOn").entity(String.class).isEqualTo("2026-06-12");
    }

    private String standAloneClient(Agency agency) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> input = new HashMap<>(Map.of("id", id, "firstName", "Stand", "lastName", "Alone",
                "dateOfBirth", "1980-02-02", "fundingSources", List.of("MEDICAID"), "status", "ENROLLED",
                "enrolledOn", "2026-01-05", "coachId", agency.coachId()));
        input.put("inStandAloneServices", true);
        input.put("acuteTreatmentEndedOn", "2026-05-20");
        input.put("eligibility", Map.of("needsNotMetByOtherProgram", true,
                "criteria", List.of("DOCUMENTED_DOMAIN_NEED"), "agreedToParticipate", true));
        admin(agency.admin()).documentName("createEnrollee").variable("input", input).execute()
                .path("createEnrollee.enrollee.id").hasValue();
        authorize(agency, id, "GENERAL", 100);
        return id;
    }
}

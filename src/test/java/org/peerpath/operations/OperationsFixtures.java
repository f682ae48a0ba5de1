package org.peerpath.operations;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.peerpath.demo.DemoData;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** A client of its own for the operations tests: nobody else's test logs or signs contacts for coach2.tn. */
final class OperationsFixtures {

    private OperationsFixtures() {
    }

    /** A new enrolled Tennessee Medicaid client on coach2.tn's caseload, created by {@code admin} (admin.tn). */
    static String tennesseeEnrolleeOfCoach2(HttpGraphQlTester admin) {
        String enrolleeId = UUID.randomUUID().toString();
        admin.documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Operations", "lastName", "Tester", "dateOfBirth", "1980-02-03",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2026-01-01",
                "coachId", DemoData.id("coach2.tn"),
                "eligibility", Map.of("needsNotMetByOtherProgram", true, "criteria", List.of("DOCUMENTED_DOMAIN_NEED"),
                        "agreedToParticipate", true))).execute().path("createEnrollee.enrollee.id").hasValue();
        return enrolleeId;
    }
}

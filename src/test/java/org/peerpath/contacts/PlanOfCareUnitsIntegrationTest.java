package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;

/**
 * Tennessee plan-of-care units over HTTP (TennCare policy; CMS FAQ A1): a plan of care stating units is consumed
 * like any authorization, atomically; one stating none authorizes coverage only.
 */
class PlanOfCareUnitsIntegrationTest extends AgencyTest {

    @Test
    void anEightUnitPlanOfCareBillsEightUnitsEvenWhenSigningsRace() throws Exception {
        Instant at = pinNowAndServiceDay();
        Agency agency = agency("TN", "America/Chicago", true);
        String client = enrollee(agency);
        authorize(agency, client, "PLAN_OF_CARE", 8);
        List<String> contactIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // three hours of 4 units each: 12 units against 8
            Map<String, Object> input = faceToFace(client, at.plus(Duration.ofHours(i)), 60);
            coach(agency.coach()).documentName("logContact").variable("input", input).execute()
                    .path("logContact.contact.id").hasValue();
            contactIds.add((String) input.get("id"));
        }
        token(agency.coach());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<GraphQlTester.Response> signed = new ArrayList<>();
        try {
            List<Callable<GraphQlTester.Response>> signings = contactIds.stream()
                    .<Callable<GraphQlTester.Response>>map(id -> () -> sign(agency.coach(), id)).toList();
            for (Future<GraphQlTester.Response> result : pool.invokeAll(signings)) {
                signed.add(result.get());
            }
        }
        finally {
            pool.shutdownNow();
        }
        List<Boolean> billable = signed.stream().map(r -> r.path("signContact.contact.billing.billable")
                .entity(Boolean.class).get()).toList();
        assertThat(billable).containsExactlyInAnyOrder(true, true, false);
        GraphQlTester.Response refused = signed.get(billable.indexOf(false));
        refused.path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("TN.PLAN_OF_CARE_EXCEEDED");

        supervisor(agency.supervisor()).documentName("unitUsage").variable("enrolleeId", client).execute()
                .path("unitUsage.authorizations[0].used").entity(Integer.class).isEqualTo(8)
                .path("unitUsage.authorizations[0].remaining").entity(Integer.class).isEqualTo(0)
                .path("unitUsage.authorizations[0].nearLimit").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void aPlanOfCareWithoutUnitsIsCoverageOnly() {
        Instant at = pinNowAndServiceDay();
        Agency agency = agency("TN", "America/Chicago", true);
        String client = enrollee(agency);
        admin(agency.admin()).documentName("addAuthorization").variable("input", Map.of("enrolleeId", client,
                "id", UUID.randomUUID().toString(), "kind", "PLAN_OF_CARE", "validFrom", "2020-01-01",
                "validTo", "2035-12-31")).execute()
                .path("addAuthorization.enrollee.authorizations[0].unitsAuthorized").valueIsNull();
        for (int i = 0; i < 3; i++) {
            signNew(agency.coach(), faceToFace(client, at.plus(Duration.ofHours(i)), 60))
                    .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true);
        }
        supervisor(agency.supervisor()).documentName("unitUsage").variable("enrolleeId", client).execute()
                .path("unitUsage.authorizations[0].used").entity(Integer.class).isEqualTo(12)
                .path("unitUsage.authorizations[0].remaining").valueIsNull()
                .path("unitUsage.authorizations[0].nearLimit").entity(Boolean.class).isEqualTo(false);

        // Only a plan of care may leave its units out.
        assertThat(problems(expectError(admin(agency.admin()).documentName("addAuthorization").variable("input",
                Map.of("enrolleeId", client, "id", UUID.randomUUID().toString(), "kind", "PRIOR_AUTHORIZATION",
                        "validFrom", "2020-01-01", "validTo", "2035-12-31")).execute(), "VALIDATION")))
                .anySatisfy(p -> assertThat(p).contains("unitsAuthorized"));
        supervisor(agency.supervisor()).documentName("unitUsage").variable("enrolleeId", client).execute()
                .path("unitUsage.authorizations").entityList(Object.class).hasSize(1);
    }
}

package org.peerpath.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.peerpath.IntegrationTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What the service writes to its log while it serves requests: request ids, never health information. */
@ExtendWith(OutputCaptureExtension.class)
class LogsIntegrationTest extends IntegrationTest {

    @Test
    void everyGraphQlErrorAndTheRequestsLogLinesCarryItsRequestId(CapturedOutput output) {
        String requestId = "req-" + UUID.randomUUID();
        coach("coach.mi").mutate().header("X-Request-Id", requestId).build()
                .documentName("enrollee").variable("id", UUID.randomUUID().toString()).execute()
                .errors().satisfy(errors -> assertThat(errors).isNotEmpty()
                        .allSatisfy(error -> assertThat(error.getExtensions())
                                .containsEntry("code", "NOT_FOUND").containsEntry("requestId", requestId)));
        assertThat(output.getOut().lines().filter(line -> line.contains("POST /graphql answered 200"))
                .filter(line -> line.contains(requestId))).hasSize(1);
    }

    @Test
    void withoutAnIdFromTheCallerTheServiceMakesOneAndAnswersIt() {
        anonymous().post().header("Content-Type", "application/json").bodyValue("{\"query\":\"{ me { role } }\"}")
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueMatches("X-Request-Id", "[0-9a-f-]{36}");
        anonymous().post().header("X-Request-Id", "bad id with spaces and {braces}")
                .header("Content-Type", "application/json").bodyValue("{\"query\":\"{ me { role } }\"}")
                .exchange().expectHeader().valueMatches("X-Request-Id", "[0-9a-f-]{36}");
    }

    @Test
    void aContactsNarrativeNeverReachesTheLog(CapturedOutput output) {
        String marker = "Narrative-" + UUID.randomUUID();
        String narrative = marker + ": talked about the relapse last weekend and the argument with their sister.";
        String enrolleeId = OperationsFixtures.tennesseeEnrolleeOfCoach2(admin("admin.tn"));
        Instant start = clock.instant().minus(Duration.ofDays(22)).truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(15));
        Map<String, Object> contact = Map.of("id", UUID.randomUUID().toString(), "enrolleeId", enrolleeId,
                "type", "FACE_TO_FACE", "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(),
                "placeOfService", "OFFICE", "activities", List.of("RECOVERY_PLANNING"),
                "supportTypes", List.of("EMOTIONAL"), "narrative", narrative);
        coach("coach2.tn").documentName("logContact").variable("input", contact).execute()
                .path("logContact.contact.narrative").entity(String.class).isEqualTo(narrative);
        // Refused input too: an end before the start.
        Map<String, Object> refused = new java.util.HashMap<>(contact);
        refused.put("id", UUID.randomUUID().toString());
        refused.put("end", start.minus(Duration.ofHours(1)).toString());
        coach("coach2.tn").documentName("logContact").variable("input", refused).execute()
                .errors().satisfy(list -> assertThat(list).isNotEmpty());

        assertThat(output.getOut()).contains("POST /graphql answered 200").doesNotContain(marker);
        assertThat(output.getErr()).doesNotContain(marker);
    }
}

package org.peerpath.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.peerpath.IntegrationTest;
import org.peerpath.demo.DemoData;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The Prometheus endpoint as an administrator scrapes it, after the phone apps have done some work. */
class MetricsIntegrationTest extends IntegrationTest {

    @Test
    void prometheusListsGraphQlDatabaseHttpJvmAndProductMetrics() {
        double signedBefore = sum(scrape(), "peerpath_contacts_signed_total", "pack=\"TN\"");
        double openedBefore = sum(scrape(), "peerpath_outreach_tasks_opened_total", "origin=\"BY_HAND\"");

        String enrolleeId = OperationsFixtures.tennesseeEnrolleeOfCoach2(admin("admin.tn"));
        String contactId = UUID.randomUUID().toString();
        // A slot of its own: 15:00 UTC three weeks back, one hour; no other test signs for coach2.tn.
        Instant start = clock.instant().minus(Duration.ofDays(21)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(15));
        coach("coach2.tn").documentName("logContact").variable("input", Map.of("id", contactId,
                "enrolleeId", enrolleeId, "type", "FACE_TO_FACE", "start", start.toString(),
                "end", start.plus(Duration.ofHours(1)).toString(), "placeOfService", "OFFICE",
                "activities", List.of("RECOVERY_PLANNING"), "supportTypes", List.of("EMOTIONAL"),
                "narrative", "Talked through the week.")).execute().path("logContact.contact.id").hasValue();
        coach("coach2.tn").documentName("signContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 0)).execute().path("signContact.contact.status").entity(String.class)
                .isEqualTo("SIGNED");
        coach("coach2.tn").documentName("openOutreachTask").variable("input", Map.of(
                "id", UUID.randomUUID().toString(), "enrolleeId", enrolleeId)).execute()
                .path("openOutreachTask.task.origin").entity(String.class).isEqualTo("BY_HAND");
        coach("coach2.tn").documentName("me").execute().path("me.role").hasValue();

        String metrics = scrape();
        assertThat(sum(metrics, "peerpath_contacts_signed_total", "pack=\"TN\"")).isEqualTo(signedBefore + 1);
        assertThat(sum(metrics, "peerpath_outreach_tasks_opened_total", "origin=\"BY_HAND\""))
                .isEqualTo(openedBefore + 1);
        assertThat(metrics)
                .contains("peerpath_notifications_total{kind=\"FACE_TO_FACE_DUE\",status=\"FAILED\"}",
                        "peerpath_notifications_total{kind=\"FACE_TO_FACE_DUE\",status=\"SENT\"}")
                .contains("graphql_request_seconds_count{", "graphql_datafetcher_seconds_count{",
                        "mongodb_driver_commands_seconds_count{", "mongodb_driver_pool_size{",
                        "http_server_requests_seconds_count{", "jvm_memory_used_bytes{");
        // Low cardinality: no ids, names or free text in any series.
        assertThat(metrics).doesNotContain(enrolleeId, contactId, DemoData.id("coach2.tn"), "Talked through");
    }

    private String scrape() {
        // The scrape grows with the schema (a timer per GraphQL field the suite has run, per outcome), not with
        // the data; past WebTestClient's default 256 KB buffer once the whole suite has run before this test.
        return WebTestClient.bindToServer(new JdkClientHttpConnector()).baseUrl("http://localhost:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").header("Authorization", "Bearer " + token("admin"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    /** The sum of every series of {@code name} whose labels contain {@code label}. */
    private static double sum(String metrics, String name, String label) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}

package org.peerpath.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;

/**
 * The store's figures over HTTP, as an administrator and Prometheus see them: per-collection documents in
 * {@code /actuator/info} and {@code peerpath_store_documents{collection}}. (The suite's store is in memory or a
 * real MongoDB, so there is no file size here; {@link StoreSizeTest} covers it and the warning on a file store.)
 */
class StoreSizeIntegrationTest extends IntegrationTest {

    @Autowired
    StoreSize storeSize;

    @Test
    void administratorsSeeDocumentsPerCollection() {
        storeSize.measure();

        actuator().get().uri("/actuator/info").header("Authorization", "Bearer " + token("admin")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.store.documents.enrollees").value(count -> assertThat(((Number) count).longValue())
                        .isPositive())
                .jsonPath("$.store.documents.organizations").value(count -> assertThat(((Number) count).longValue())
                        .isGreaterThanOrEqualTo(3));
        String metrics = actuator().get().uri("/actuator/prometheus").header("Authorization", "Bearer " + token("admin"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("peerpath_store_documents\\{[^}]*collection=\"enrollees\"[^}]*} [1-9]");
        actuator().get().uri("/actuator/info").header("Authorization", "Bearer " + token("coach.mi")).exchange()
                .expectStatus().isForbidden();
    }

    /**
     * The administrator's dashboard shows the store's size against its limit and, at 80 % of it, the log's
     * warning (issue 19). The suite's store has no file, so the shared service measures a file of the test's
     * against a limit of the test's ({@link StoreSize#measureForTests}) and is put back after.
     */
    @Test
    void administratorsSeeTheStoreSizeAndTheWarningOnTheirDashboard(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("peerpath.mv"), new byte[100_000]);
        try {
            storeSize.measureForTests(file, 200_000);
            storeSize.measure();
            admin("admin").documentName("administratorDashboard").execute()
                    .path("storage.embedded").entity(Boolean.class).isEqualTo(true)
                    .path("storage.bytes").entity(Long.class).isEqualTo(100_000L)
                    .path("storage.supportedBytes").entity(Long.class).isEqualTo(200_000L)
                    .path("storage.percentOfSupported").entity(Integer.class).isEqualTo(50)
                    .path("storage.warning").valueIsNull()
                    .path("storage.measuredAt").entity(String.class).isEqualTo(clock.instant().toString())
                    .path("storage.documents[?(@.collection == 'enrollees')].documents").entityList(Long.class)
                    .satisfies(counts -> assertThat(counts).singleElement().satisfies(n -> assertThat(n).isPositive()));

            storeSize.measureForTests(file, 120_000); // 83 %
            storeSize.measure();
            admin("admin").documentName("administratorDashboard").execute()
                    .path("storage.percentOfSupported").entity(Integer.class).isEqualTo(83)
                    .path("storage.warning").entity(String.class).satisfies(warning -> assertThat(warning)
                            .contains(file.toString(), "83 %", "Move to a MongoDB replica set"));

            for (String login : List.of("supervisor.mi", "coach.mi", "enrollee.mi")) {
                expectError(tester(login, "admin").documentName("administratorDashboard").execute(), "FORBIDDEN");
            }
        }
        finally {
            storeSize.measureForTests(null, 0);
            storeSize.measure();
        }
        admin("admin").documentName("administratorDashboard").execute()
                .path("storage.warning").valueIsNull();
    }

    private WebTestClient actuator() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }
}

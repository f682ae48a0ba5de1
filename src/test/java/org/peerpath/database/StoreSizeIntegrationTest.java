package org.peerpath.database;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

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

    private WebTestClient actuator() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }
}

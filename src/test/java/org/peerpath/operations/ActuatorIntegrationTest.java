package org.peerpath.operations;

import org.junit.jupiter.api.Test;
import org.peerpath.IntegrationTest;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What an operator and a load balancer see under /actuator. */
class ActuatorIntegrationTest extends IntegrationTest {

    private WebTestClient server() {
        return WebTestClient.bindToServer(new JdkClientHttpConnector()).baseUrl("http://localhost:" + port).build();
    }

    @Test
    void livenessAndReadinessAnswerWithoutAToken() {
        server().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        server().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
    }

    @Test
    void readinessIncludesTheDatabaseForAnAdministrator() {
        server().get().uri("/actuator/health/readiness").header("Authorization", "Bearer " + token("admin"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.database.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP");
    }

    @Test
    void everythingElseUnderActuatorIsForAdministratorsOnly() {
        server().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        server().get().uri("/actuator").exchange().expectStatus().isUnauthorized();
        server().get().uri("/actuator/prometheus").header("Authorization", "Bearer " + token("coach.mi"))
                .exchange().expectStatus().isForbidden();
        server().get().uri("/actuator/metrics").header("Authorization", "Bearer " + token("supervisor.mi"))
                .exchange().expectStatus().isForbidden();
        server().get().uri("/actuator/prometheus").header("Authorization", "Bearer " + token("admin"))
                .exchange().expectStatus().isOk();
    }

    @Test
    void anAnonymousHealthAnswerCarriesNoDetails() {
        server().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
    }
}

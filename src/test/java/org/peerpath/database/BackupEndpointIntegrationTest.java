package org.peerpath.database;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.peerpath.IntegrationTest;

/**
 * {@code POST /actuator/backup} over HTTP: administrators only. The suite's store is in memory, so the answer is
 * a clear 400 (the copy itself is tested on a file store in {@link EmbeddedStoreBackupTest}).
 */
class BackupEndpointIntegrationTest extends IntegrationTest {

    @Test
    void onlyAnAdministratorAsksForABackup() {
        backup(null).expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
        backup("coach.mi").expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
        backup("supervisor.mi").expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
        backup("admin").expectStatus().isEqualTo(HttpStatus.BAD_REQUEST).expectBody()
                .jsonPath("$.error").value(message -> org.assertj.core.api.Assertions.assertThat((String) message)
                        .contains("in memory"));
    }

    private WebTestClient.ResponseSpec backup(String login) {
        WebTestClient.Builder builder = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(RESPONSE_TIMEOUT);
        if (login != null) {
            builder.defaultHeader("Authorization", "Bearer " + token(login));
        }
        return builder.build().post().uri("/actuator/backup").exchange();
    }
}

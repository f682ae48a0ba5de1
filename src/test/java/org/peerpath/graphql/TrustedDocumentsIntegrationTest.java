package org.peerpath.graphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode runs any document (GraphiQL, curl), and persisted-query clients work too: a manifest document by its
 * hash alone; an unknown hash asks for the text the Apollo way.
 */
class TrustedDocumentsIntegrationTest extends IntegrationTest {

    @Autowired
    TrustedDocuments trustedDocuments;

    @Test
    void theManifestHoldsEveryMobileContractOperationAndIsNotEnforcedInDemoMode() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("mobile-contract"))) {
            // Apps that send the same operation (me, registerDevice, ...) share one entry.
            var texts = files.filter(file -> file.toString().endsWith(".graphql")).map(file -> {
                try {
                    return Files.readString(file);
                }
                catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }).collect(java.util.stream.Collectors.toSet());
            assertThat(trustedDocuments.manifest().values()).containsExactlyInAnyOrderElementsOf(texts);
        }
        assertThat(trustedDocuments.enforced()).isFalse();
    }

    @Test
    void aManifestDocumentRunsByHashAndAnAdHocDocumentRunsInDemoMode() throws IOException {
        String me = Files.readString(Path.of("mobile-contract", "coach", "me.graphql"));
        post(Map.of("extensions", persisted(TrustedDocuments.sha256(me)))).expectStatus().isOk().expectBody()
                .jsonPath("$.data.me.role").isEqualTo("RECOVERY_COACH").jsonPath("$.errors").doesNotExist();
        post(Map.of("query", "{ me { role } }")).expectStatus().isOk().expectBody()
                .jsonPath("$.data.me.role").isEqualTo("RECOVERY_COACH");
    }

    @Test
    void anUnknownHashIsNotFoundUntilTheTextComesWithIt() {
        String adHoc = "{ me { id role } }";
        post(Map.of("extensions", persisted(TrustedDocuments.sha256(adHoc)))).expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("PERSISTED_QUERY_NOT_FOUND")
                .jsonPath("$.errors[0].message").isEqualTo("PersistedQueryNotFound");
        post(Map.of("query", adHoc, "extensions", persisted(TrustedDocuments.sha256(adHoc)))).expectBody()
                .jsonPath("$.data.me.role").isEqualTo("RECOVERY_COACH");
        post(Map.of("query", adHoc, "extensions", persisted(TrustedDocuments.sha256("{ me { id } }")))).expectBody()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("VALIDATION")
                .jsonPath("$.data").doesNotExist();
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> body) {
        return client().defaultHeader("Authorization", "Bearer " + token("coach.mi")).build().post().uri("")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static Map<String, Object> persisted(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }
}

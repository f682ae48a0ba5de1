package org.peerpath.graphql;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.peerpath.ProductionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production runs only trusted documents (issue 13): the operations of mobile-contract/, by Apollo persisted-query
 * hash or by full text; anything else is refused before it is parsed, and nothing runs.
 */
class TrustedDocumentsProductionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ProductionService service;

    private static String me;

    @BeforeAll
    static void start() throws Exception {
        service = ProductionService.shared();
        me = Files.readString(Path.of("mobile-contract", "coach", "me.graphql"));
    }

    @Test
    void aTrustedDocumentRunsByItsFullText() throws Exception {
        assertThat(ask(Map.of("query", me)).at("/data/me/displayName").asString()).isEqualTo("Olive Admin");
    }

    @Test
    void aTrustedDocumentRunsByItsHashAloneOrWithItsText() throws Exception {
        Map<String, Object> hash = persisted(TrustedDocuments.sha256(me));
        assertThat(ask(Map.of("extensions", hash)).at("/data/me/displayName").asString()).isEqualTo("Olive Admin");
        assertThat(ask(Map.of("query", me, "extensions", hash)).at("/data/me/displayName").asString())
                .isEqualTo("Olive Admin");
        assertThat(ask(Map.of("extensions", persisted(TrustedDocuments.sha256(me).toUpperCase())))
                .at("/data/me/displayName").asString()).isEqualTo("Olive Admin");
    }

    @Test
    void anyOtherDocumentIsRefusedAsNotTrusted() throws Exception {
        for (String document : new String[] {"{ me { displayName } }", me.replace("displayName", "displayName "),
                "mutation { __typename }"}) {
            JsonNode answer = ask(Map.of("query", document));
            assertThat(answer.at("/errors/0/extensions/code").asString()).as(document).isEqualTo("DOCUMENT_NOT_TRUSTED");
            assertThat(answer.has("data") && !answer.get("data").isNull()).as(document).isFalse();
        }
    }

    @Test
    void anUnknownHashIsNotFoundAndCannotBeRegisteredWithItsText() throws Exception {
        String adHoc = "{ me { id } }";
        JsonNode unknown = ask(Map.of("extensions", persisted(TrustedDocuments.sha256(adHoc))));
        assertThat(unknown.at("/errors/0/extensions/code").asString()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        assertThat(unknown.at("/errors/0/message").asString()).isEqualTo("PersistedQueryNotFound");

        // Apollo's automatic registration: the hash with its text. Not in the manifest, so refused, and not kept.
        JsonNode registration = ask(Map.of("query", adHoc, "extensions", persisted(TrustedDocuments.sha256(adHoc))));
        assertThat(registration.at("/errors/0/extensions/code").asString()).isEqualTo("DOCUMENT_NOT_TRUSTED");
        assertThat(ask(Map.of("extensions", persisted(TrustedDocuments.sha256(adHoc))))
                .at("/errors/0/extensions/code").asString()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void aHashThatIsNotTheTextsIsAValidationError() throws Exception {
        JsonNode answer = ask(Map.of("query", "{ me { id } }", "extensions", persisted(TrustedDocuments.sha256(me))));
        assertThat(answer.at("/errors/0/extensions/code").asString()).isEqualTo("VALIDATION");
        assertThat(answer.has("data") && !answer.get("data").isNull()).isFalse();
    }

    private static Map<String, Object> persisted(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    private static JsonNode ask(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = service.post(service.token(), JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
        return JSON.readTree(response.body());
    }
}

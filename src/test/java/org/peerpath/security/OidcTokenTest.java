package org.peerpath.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;
import tools.jackson.databind.json.JsonMapper;

import org.peerpath.PeerPathApplication;
import org.peerpath.ProductionService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.peerpath.ProductionService.AUDIENCE;

/**
 * Production mode with a generic OIDC issuer ({@link ProductionService}): a token is accepted only from that issuer,
 * for PeerPath's audience, with an unexpired {@code exp}.
 */
class OidcTokenTest {

    private static ProductionService service;

    @BeforeAll
    static void start() throws Exception {
        service = ProductionService.shared();
    }

    @Test
    void aTokenForPeerPathsAudienceIsAccepted() throws Exception {
        HttpResponse<String> response = ask(service.token(service.claims().audience(AUDIENCE)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("Olive Admin");
    }

    @Test
    void aTokenMintedForAnotherApplicationIsRefused() throws Exception {
        assertThat(ask(service.token(service.claims().audience("some-other-app"))).statusCode()).isEqualTo(401);
        assertThat(ask(service.token(service.claims().audience(List.of("some-other-app", "yet-another"))))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutAudienceIsRefused() throws Exception {
        assertThat(ask(service.token(service.claims())).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        Instant now = service.clock().instant();
        JWTClaimsSet.Builder noExpiry = new JWTClaimsSet.Builder().issuer(service.issuerUri())
                .subject(ProductionService.SUBJECT).issueTime(Date.from(now)).audience(AUDIENCE);
        assertThat(ask(service.token(noExpiry)).statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheSmallLeeway() throws Exception {
        Instant now = service.clock().instant();
        JWTClaimsSet.Builder expired = service.claims().audience(AUDIENCE)
                .expirationTime(Date.from(now.minus(TokenRules.CLOCK_SKEW).minusSeconds(5)));
        assertThat(ask(service.token(expired)).statusCode()).isEqualTo(401);
    }

    @Test
    void aRefusedTokenGetsAGraphQlErrorAndTheBearerChallenge() throws Exception {
        Instant now = service.clock().instant();
        HttpResponse<String> response = ask(service.token(service.claims().audience(AUDIENCE)
                .expirationTime(Date.from(now.minus(TokenRules.CLOCK_SKEW).minusSeconds(5)))));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer").contains("error=\"invalid_token\"");
        assertThat(response.body()).contains("\"code\":\"UNAUTHENTICATED\"", SignInRequired.TOKEN_REFUSED)
                .doesNotContain("\"data\"");
    }

    @Test
    void productionReadsNoSchemaAndHasNoGraphiql() throws Exception {
        String standard = new String(OidcTokenTest.class.getResourceAsStream(
                "/introspection/graphql-js-default.graphql").readAllBytes(), StandardCharsets.UTF_8);
        for (String introspection : List.of(standard, "{ __schema { queryType { name } } }")) {
            HttpResponse<String> response = service.post(service.token(),
                    JsonMapper.builder().build().writeValueAsString(Map.of("query", introspection)));
            assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
            assertThat(response.body()).contains("\"errors\"").doesNotContain("\"queryType\"", "Enrollee")
                    .containsAnyOf("\"code\":\"DOCUMENT_NOT_TRUSTED\"", "\"code\":\"VALIDATION\"");
        }
        HttpResponse<String> graphiql = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + service.port() + "/graphiql")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(graphiql.statusCode()).isEqualTo(404);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + service.port() + "/graphiql/assets/graphiql/graphiql.min.js")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        assertThat(ask(service.token(service.claims().audience(AUDIENCE).issuer("https://elsewhere.example")))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void anIssuerWithoutAnAudienceRefusesToStart() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(PeerPathApplication.class)
                .run("--peerpath.mongodb.uri=mongodb://127.0.0.1:9/peerpath", "--server.port=0",
                        "--peerpath.identity.firebase-project-id=",
                        "--peerpath.identity.oidc-issuer-uri=" + service.issuerUri(),
                        "--peerpath.identity.oidc-audience=")
                .close());
        assertThat(failure).isNotNull();
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
                .contains("PEERPATH_OIDC_AUDIENCE");
    }

    /** The coach app's {@code me} (a trusted document: production runs no other). */
    private static HttpResponse<String> ask(String token) throws Exception {
        String me = Files.readString(Path.of("mobile-contract", "coach", "me.graphql"));
        return service.post(token, JsonMapper.builder().build().writeValueAsString(Map.of("query", me)));
    }
}

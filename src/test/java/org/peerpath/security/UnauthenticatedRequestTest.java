package org.peerpath.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request to /graphql without a valid sign-in is answered 401 with RFC 6750's {@code WWW-Authenticate} header
 * and a GraphQL-over-HTTP body whose one error has {@code extensions.code = UNAUTHENTICATED}, as the README
 * says (issue 14): a GraphQL client reads it like any other error instead of an empty body.
 */
class UnauthenticatedRequestTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String QUERY = "{\"query\":\"{ me { displayName } }\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private DemoTokens demoTokens;

    @Test
    void aRequestWithoutATokenGetsAGraphQlErrorSayingSignInFirst() throws Exception {
        HttpResponse<String> response = post(null, "application/json");
        JsonNode error = expectUnauthenticated(response);
        assertThat(error.path("message").asString()).isEqualTo(SignInRequired.NO_TOKEN);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer")
                .doesNotContain("error=");
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    }

    @Test
    void anExpiredTokenIsRefusedWithTheSameCode() throws Exception {
        String token = demoTokens.issue("coach.mi");
        clock.advance(Duration.ofHours(13)); // demo tokens live 12 hours, with 30 seconds' leeway
        HttpResponse<String> response = post("Bearer " + token, "application/json");
        JsonNode error = expectUnauthenticated(response);
        assertThat(error.path("message").asString()).isEqualTo(SignInRequired.TOKEN_REFUSED);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    @Test
    void aForgedMalformedOrUnknownTokenIsRefusedWithTheSameCode() throws Exception {
        String valid = demoTokens.issue("coach.mi");
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1)
                + new StringBuilder(valid.substring(valid.lastIndexOf('.') + 1)).reverse();
        for (String authorization : new String[] {"Bearer " + forged, "Bearer not-a-token", "Bearer a.b.c",
                "Bearer " + demoTokens.issue("nobody-has-this-login")}) {
            HttpResponse<String> response = post(authorization, "application/json");
            JsonNode error = expectUnauthenticated(response);
            assertThat(error.path("message").asString()).as(authorization).isEqualTo(SignInRequired.TOKEN_REFUSED);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(authorization).get().asString()
                    .startsWith("Bearer").contains("error=");
        }
        // The same token unchanged is accepted: the refusals above are the token's, nothing else.
        assertThat(post("Bearer " + valid, "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatAcceptsTheGraphQlResponseMediaTypeGetsIt() throws Exception {
        HttpResponse<String> response = post(null, "application/graphql-response+json, application/json;q=0.9");
        expectUnauthenticated(response);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/graphql-response+json");
    }

    @Test
    void otherPathsAnswerAJsonErrorWithTheHeader() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer")
                .doesNotContain("error=");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("error").asString()).isEqualTo("Unauthorized");
    }

    private JsonNode expectUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("data")).as("a request error has no data").isFalse();
        assertThat(body.path("errors")).hasSize(1);
        JsonNode error = body.path("errors").get(0);
        assertThat(error.path("extensions").path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(error.path("extensions").path("requestId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.body()).doesNotContain("Exception", "org.", "Jwt");
        return error;
    }

    private HttpResponse<String> post(String authorization, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/graphql"))
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(QUERY));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

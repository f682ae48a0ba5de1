package org.peerpath.security;

import java.time.Duration;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-user rate limits and CORS over HTTP (issue 13, limits; issue 15, item 4). The test context's buckets are
 * large (its clock stands still); each test empties one bucket, moves the service's clock instead of sleeping,
 * and puts the bucket back.
 */
class RequestLimitsIntegrationTest extends IntegrationTest {

    private static final String ME = "{\"query\":\"{ me { id } }\"}";

    @Autowired
    RequestRateLimits limits;

    @Autowired
    MeterRegistry meters;

    @Test
    void aUserWhoseBucketIsEmptyGets429WithRetryAfterUntilTheClockRefillsIt() {
        String personId = coach("associate.mi").document("{ me { id } }").execute().path("me.id").entity(String.class)
                .get();
        Bucket bucket = limits.userBucket(personId);
        double limitedBefore = limited("user");
        try {
            bucket.tryConsumeAsMuchAsPossible();

            var refused = post("associate.mi").expectStatus().isEqualTo(429)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectBody();
            refused.jsonPath("$.errors[0].extensions.code").isEqualTo("RATE_LIMITED")
                    .jsonPath("$.errors[0].extensions.retryAfterSeconds").isEqualTo(1)
                    .jsonPath("$.data").doesNotExist();
            assertThat(limited("user")).isEqualTo(limitedBefore + 1);

            // Another person is not affected by this one's empty bucket.
            post("coach.mi").expectStatus().isOk();

            // 300 a minute: one request's worth after 200 ms of the service's clock, not before.
            clock.advance(Duration.ofMillis(100));
            post("associate.mi").expectStatus().isEqualTo(429);
            clock.advance(Duration.ofMillis(100));
            post("associate.mi").expectStatus().isOk().expectBody().jsonPath("$.data.me.id").isEqualTo(personId);
            post("associate.mi").expectStatus().isEqualTo(429);
        }
        finally {
            bucket.reset();
        }
    }

    @Test
    void theDemoSignInIsLimitedPerAddress() {
        Bucket bucket = limits.demoSignInBucket("127.0.0.1");
        try {
            bucket.tryConsumeAsMuchAsPossible();
            anonymous().post().uri("http://localhost:" + port + "/auth/demo-token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"login\":\"coach.mi\"}").exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("RATE_LIMITED")
                    .jsonPath("$.token").doesNotExist();
        }
        finally {
            bucket.reset();
        }
    }

    @Test
    void aPreflightFromAConfiguredOriginIsAllowedWithoutAToken() {
        anonymous().method(HttpMethod.OPTIONS).uri("")
                .header(HttpHeaders.ORIGIN, "https://app.agency.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.agency.example")
                .expectHeader().exists(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS);
    }

    @Test
    void anyOtherOriginIsRefusedBothInPreflightAndInTheRequest() {
        anonymous().method(HttpMethod.OPTIONS).uri("")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        client().build().post().uri("").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("coach.mi"))
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ME).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.data").doesNotExist();
    }

    @Test
    void aRequestFromTheConfiguredOriginGetsItsAnswerAndTheCorsHeader() {
        client().build().post().uri("").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("coach.mi"))
                .header(HttpHeaders.ORIGIN, "https://app.agency.example")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ME).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.agency.example")
                .expectBody().jsonPath("$.data.me.id").exists();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String login) {
        return client().build().post().uri("").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(login))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ME).exchange();
    }

    private double limited(String kind) {
        var counter = meters.find("peerpath.requests.rate-limited").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }
}

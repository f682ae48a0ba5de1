package org.peerpath;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The one base of every integration test: the whole service on a random port, spoken to over HTTP with real
 * tokens from the demo sign-in, exactly as the phone does. The database is a real MongoDB in a Testcontainers
 * container where Docker exists, and the embedded wire-protocol server (in memory) where it does not: the same
 * tests, both ways. All subclasses share one Spring context, so keep the annotations here and nowhere else.
 * "Now" is {@link #clock}, the context's only clock, standing at {@link TestClock#DEFAULT} unless a test pins or
 * moves it: a test that needs an instant pins or reads it, never the machine's clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "peerpath.data-dir=target/test-data",
        "peerpath.embedded-mongo.in-memory=true",
        "peerpath.demo=true",
        // The people only: tests create the work they look at, and count on no other.
        "peerpath.demo-data.day-of-work=false",
        "peerpath.outreach.schedule.enabled=false",
        "peerpath.reminders.scheduling.enabled=false",
        "peerpath.reconciliation.schedule.enabled=false",
        "peerpath.audit.archive.schedule.enabled=false",
        "peerpath.firebase.enabled=false",
        // The clock stands still in tests, so buckets never refill: room for the whole suite; the limits' own
        // test empties a bucket and moves the clock.
        "peerpath.rate-limit.user-burst=1000000",
        "peerpath.rate-limit.demo-sign-in-burst=1000000",
        "peerpath.cors.allowed-origins=https://app.agency.example",
        "logging.level.de.bwaldvogel=WARN",
        "logging.level.org.mongodb.driver=WARN"})
@Import(IntegrationTest.Clocks.class)
public abstract class IntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Clock.fixed(TestClock.DEFAULT, ZoneOffset.UTC));
        }
    }

    /** A real MongoDB when Docker is available; null (embedded server) otherwise. */
    private static final MongoDBContainer MONGO = startMongoIfDockerExists();

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /**
     * How long a test waits for an answer. Generous on purpose: a loaded 2-core machine can take seconds for a
     * request that takes milliseconds alone, and the suite asserts behaviour, never speed (benchmarks do that).
     */
    protected static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    protected int port;

    /** The service's clock. Pinned or moved by a test, put back after it. */
    @Autowired
    protected TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (MONGO != null) {
            registry.add("peerpath.mongodb.uri", () -> MONGO.getReplicaSetUrl("peerpath"));
        }
    }

    private static MongoDBContainer startMongoIfDockerExists() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        MongoDBContainer container = new MongoDBContainer("mongo:8.0");
        container.start();
        return container;
    }

    /** The coach app, signed in as {@code login}; documents come from mobile-contract/coach/. */
    protected HttpGraphQlTester coach(String login) {
        return tester(login, "coach");
    }

    protected HttpGraphQlTester supervisor(String login) {
        return tester(login, "supervisor");
    }

    protected HttpGraphQlTester enrollee(String login) {
        return tester(login, "enrollee");
    }

    /** The administration console. */
    protected HttpGraphQlTester admin(String login) {
        return tester(login, "admin");
    }

    /** A tester for {@code app}'s operations (mobile-contract/app/NAME.graphql) signed in as {@code login}. */
    protected HttpGraphQlTester tester(String login, String app) {
        return HttpGraphQlTester.builder(client().defaultHeader("Authorization", "Bearer " + token(login)))
                .documentSource(new ResourceDocumentSource(
                        List.of(new FileSystemResource(Path.of("mobile-contract", app).toAbsolutePath() + "/")),
                        List.of(".graphql")))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    /** An enrollee's audit trail as {@code supervisorLogin} sees it, newest first: "operation/outcome/actorId". */
    protected List<String> auditTrail(String supervisorLogin, String enrolleeId) {
        return supervisor(supervisorLogin).documentName("auditEvents").variable("enrolleeId", enrolleeId)
                .variable("first", 100).execute().path("auditEvents.edges[*].node")
                .entityList(new ParameterizedTypeReference<Map<String, Object>>() {
                }).get().stream().map(e -> e.get("operation") + "/" + e.get("outcome") + "/" + e.get("actorId"))
                .toList();
    }

    /** No sign-in at all. */
    protected WebTestClient anonymous() {
        return client().build();
    }

    protected WebTestClient.Builder client() {
        return WebTestClient.bindToServer(new JdkClientHttpConnector()).baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(RESPONSE_TIMEOUT);
    }

    /**
     * A demo token for {@code login} over the real sign-in endpoint, fetched once per login and hour of the
     * service's clock (tokens live 12 hours of that clock, and tests move it).
     */
    protected String token(String login) {
        return TOKENS.computeIfAbsent(login + "@" + clock.instant().truncatedTo(ChronoUnit.HOURS),
                key -> signIn(login));
    }

    private String signIn(String login) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/auth/demo-token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + login + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Demo sign-in failed for " + login + ": " + response.body());
            }
            return response.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}

package org.peerpath.reminders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.peerpath.reminders.NotificationSender.Delivery;
import org.peerpath.reminders.NotificationSender.Outcome;
import org.peerpath.reminders.NotificationSender.Push;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Firebase Admin SDK against a local HTTP transport that captures what FCM would receive and answers
 * per token: success, unregistered, invalid argument, 429 with Retry-After, 503. No network, no real waiting.
 */
class FirebaseNotificationSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What FCM received: URL and JSON body of every request. */
    record Captured(String method, String url, JsonNode body) {
        String token() {
            return body.path("message").path("token").asString();
        }
    }

    /** A scripted FCM: answers per token, in order, then 200. */
    static final class ScriptedFcm extends MockHttpTransport {
        final List<Captured> requests = Collections.synchronizedList(new ArrayList<>());
        final Map<String, List<Function<Integer, MockLowLevelHttpResponse>>> script = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        ScriptedFcm answer(String token, List<Function<Integer, MockLowLevelHttpResponse>> answers) {
            script.put(token, answers);
            return this;
        }

        @Override
        public LowLevelHttpRequest buildRequest(String method, String url) {
            return new MockLowLevelHttpRequest(url) {
                @Override
                public LowLevelHttpResponse execute() throws IOException {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    getStreamingContent().writeTo(out);
                    Captured captured = new Captured(method, url, JSON.readTree(out.toByteArray()));
                    requests.add(captured);
                    int call = calls.computeIfAbsent(captured.token(), t -> new AtomicInteger()).getAndIncrement();
                    List<Function<Integer, MockLowLevelHttpResponse>> answers = script.getOrDefault(captured.token(),
                            List.of());
                    return call < answers.size() ? answers.get(call).apply(call) : ok(captured.token());
                }
            };
        }

        long callsFor(String token) {
            return requests.stream().filter(r -> r.token().equals(token)).count();
        }
    }

    static MockLowLevelHttpResponse ok(String token) {
        return json(200, "{\"name\":\"projects/peerpath-test/messages/msg-" + token + "\"}");
    }

    static MockLowLevelHttpResponse fcmError(int status, String grpcStatus, String fcmCode) {
        return json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"scripted\",\"status\":\"" + grpcStatus
                + "\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"" + fcmCode + "\"}]}}");
    }

    static MockLowLevelHttpResponse json(int status, String body) {
        return new MockLowLevelHttpResponse().setStatusCode(status).setContentType("application/json; charset=UTF-8")
                .setContent(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The service's clock in these tests: an HTTP-date Retry-After is counted from it. */
    static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");

    private final List<FirebaseApp> apps = new ArrayList<>();
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void deleteApps() {
        apps.forEach(FirebaseApp::delete);
    }

    FirebaseNotificationSender sender(ScriptedFcm fcm) {
        FirebaseOptions options = FirebaseOptions.builder()
                // No expiry: the SDK never refreshes it, whatever the machine's clock says.
                .setCredentials(GoogleCredentials.create(new AccessToken("test", null)))
                .setProjectId("peerpath-test")
                .setHttpTransport(fcm)
                .build();
        FirebaseApp app = FirebaseApp.initializeApp(options, "sender-test-" + UUID.randomUUID());
        apps.add(app);
        return new FirebaseNotificationSender(FirebaseMessaging.getInstance(app), Clock.fixed(NOW, ZoneOffset.UTC),
                sleeps::add, 4,
                Duration.ofMillis(100), Duration.ofSeconds(60));
    }

    private static Push push(String token) {
        return new Push(token, "Face-to-face visits due", "3 clients are due for a face-to-face visit this month",
                "rem_0f3c9a");
    }

    @Test
    void aSuccessfulPushCarriesLockScreenTextAndOnlyAnOpaqueReference() {
        ScriptedFcm fcm = new ScriptedFcm();
        List<Delivery> deliveries = sender(fcm).send(List.of(push("token-ok")));

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(d.detail()).isEqualTo("projects/peerpath-test/messages/msg-token-ok");
        });
        assertThat(fcm.requests).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.url()).isEqualTo("https://fcm.googleapis.com/v1/projects/peerpath-test/messages:send");
            JsonNode message = request.body().path("message");
            assertThat(message.path("token").asString()).isEqualTo("token-ok");
            assertThat(message.path("notification").path("title").asString()).isEqualTo("Face-to-face visits due");
            assertThat(message.path("notification").path("body").asString())
                    .isEqualTo("3 clients are due for a face-to-face visit this month");
            assertThat(iterableFieldNames(message.path("data"))).containsExactly("ref");
            assertThat(message.path("data").path("ref").asString()).isEqualTo("rem_0f3c9a");
            assertThat(message.path("android").path("notification").path("visibility").asString())
                    .isEqualTo("private");
        });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void unregisteredAndInvalidTokensAreReportedForRemovalWithoutRetry() {
        ScriptedFcm fcm = new ScriptedFcm()
                .answer("token-gone", List.of(call -> fcmError(404, "NOT_FOUND", "UNREGISTERED")))
                .answer("token-bad", List.of(call -> fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT")));
        List<Delivery> deliveries = sender(fcm).send(List.of(push("token-gone"), push("token-bad"), push("token-ok")));

        assertThat(deliveries).extracting(Delivery::outcome)
                .containsExactly(Outcome.TOKEN_INVALID, Outcome.TOKEN_INVALID, Outcome.DELIVERED);
        assertThat(deliveries).extracting(Delivery::detail).startsWith("UNREGISTERED", "INVALID_ARGUMENT");
        assertThat(fcm.callsFor("token-gone")).isEqualTo(1);
        assertThat(fcm.callsFor("token-bad")).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void throttlingIsRetriedAfterTheRetryAfterTheAnswerAsksFor() {
        ScriptedFcm fcm = new ScriptedFcm().answer("token-busy", List.of(
                call -> fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED").addHeader("Retry-After", "7")));
        List<Delivery> deliveries = sender(fcm).send(List.of(push("token-busy"), push("token-ok")));

        assertThat(deliveries).extracting(Delivery::outcome).containsExactly(Outcome.DELIVERED, Outcome.DELIVERED);
        assertThat(fcm.callsFor("token-busy")).isEqualTo(2);
        assertThat(fcm.callsFor("token-ok")).as("only the failed push is sent again").isEqualTo(1);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterDateIsCountedFromTheServicesClock() {
        // 40 seconds after NOW on the service's clock, whatever the machine's clock says.
        ScriptedFcm fcm = new ScriptedFcm().answer("token-busy", List.of(
                call -> fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED")
                        .addHeader("Retry-After", "Wed, 02 Dec 2026 15:00:40 GMT")));
        List<Delivery> deliveries = sender(fcm).send(List.of(push("token-busy")));

        assertThat(deliveries).extracting(Delivery::outcome).containsExactly(Outcome.DELIVERED);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(40));
    }

    @Test
    void unavailableThenSuccessIsDelivered() {
        ScriptedFcm fcm = new ScriptedFcm().answer("token-flaky", List.of(
                call -> fcmError(503, "UNAVAILABLE", "UNAVAILABLE")));
        List<Delivery> deliveries = sender(fcm).send(List.of(push("token-flaky")));

        assertThat(deliveries).extracting(Delivery::outcome).containsExactly(Outcome.DELIVERED);
        assertThat(fcm.callsFor("token-flaky")).isEqualTo(2);
    }

    @Test
    void persistentThrottlingBacksOffExponentiallyThenFails() {
        ScriptedFcm fcm = new ScriptedFcm().answer("token-throttled", List.of(
                call -> fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED"),
                call -> fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED"),
                call -> fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED"),
                call -> fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED")));
        List<Delivery> deliveries = sender(fcm).send(List.of(push("token-throttled")));

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(d.detail()).isEqualTo("QUOTA_EXCEEDED");
        });
        assertThat(fcm.callsFor("token-throttled")).isEqualTo(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void moreThan500PushesGoInBatchesOfAtMost500() {
        ScriptedFcm fcm = new ScriptedFcm();
        List<Push> pushes = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            pushes.add(push("token-" + i));
        }
        List<Delivery> deliveries = sender(fcm).send(pushes);

        assertThat(deliveries).hasSize(501).allMatch(d -> d.outcome() == Outcome.DELIVERED);
        assertThat(deliveries.get(500).push().token()).isEqualTo("token-500");
        assertThat(fcm.requests).hasSize(501);
    }

    private static List<String> iterableFieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}

package org.peerpath.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import com.google.firebase.IncomingHttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pushes through the Firebase Admin SDK ({@link FirebaseMessaging#sendEach}) in batches of at most 500,
 * the limit FCM sets for one call.
 *
 * <p>Answers: unregistered (404 {@code UNREGISTERED}) and invalid (400 {@code INVALID_ARGUMENT}) tokens come
 * back as {@link NotificationSender.Outcome#TOKEN_INVALID} so the device is removed. Throttling (429
 * {@code QUOTA_EXCEEDED}) and server errors ({@code UNAVAILABLE}, {@code INTERNAL}) are retried, only for the
 * pushes that failed, after an exponential backoff that honours the answer's {@code Retry-After} when it asks
 * for longer, up to {@code maxAttempts}; then they are {@code FAILED}. (The SDK itself already retries a 503 a
 * few times before reporting {@code UNAVAILABLE}.)
 */
public class FirebaseNotificationSender implements NotificationSender {

    static final int BATCH_LIMIT = 500;

    private static final Logger LOG = LoggerFactory.getLogger(FirebaseNotificationSender.class);

    /** How the backoff waits; injectable so tests do not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final FirebaseMessaging messaging;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public FirebaseNotificationSender(FirebaseMessaging messaging, Clock clock, Sleeper sleeper, int maxAttempts,
            Duration initialBackoff, Duration maxBackoff) {
        this.messaging = messaging;
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public FirebaseNotificationSender(FirebaseMessaging messaging, Clock clock) {
        this(messaging, clock, duration -> Thread.sleep(duration.toMillis()), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(60));
    }

    @Override
    public List<Delivery> send(List<Push> pushes) {
        Map<Push, Delivery> outcomes = new IdentityHashMap<>();
        for (int from = 0; from < pushes.size(); from += BATCH_LIMIT) {
            sendBatch(pushes.subList(from, Math.min(pushes.size(), from + BATCH_LIMIT)), outcomes);
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Push push : pushes) {
            deliveries.add(outcomes.get(push));
        }
        return deliveries;
    }

    private void sendBatch(List<Push> batch, Map<Push, Delivery> outcomes) {
        List<Push> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<Push> retry = new ArrayList<>();
            Duration retryAfter = Duration.ZERO;
            List<SendResponse> responses;
            try {
                BatchResponse response = messaging.sendEach(pending.stream().map(FirebaseNotificationSender::message)
                        .toList());
                responses = response.getResponses();
            }
            catch (FirebaseMessagingException ex) {
                // The whole call failed (not one message): every pending push shares the answer.
                responses = null;
                for (Push push : pending) {
                    retryAfter = max(retryAfter, classify(push, ex, attempt, retry, outcomes));
                }
            }
            if (responses != null) {
                for (int i = 0; i < pending.size(); i++) {
                    Push push = pending.get(i);
                    SendResponse response = responses.get(i);
                    if (response.isSuccessful()) {
                        outcomes.put(push, new Delivery(push, Outcome.DELIVERED, response.getMessageId()));
                    }
                    else {
                        retryAfter = max(retryAfter, classify(push, response.getException(), attempt, retry,
                                outcomes));
                    }
                }
            }
            if (!retry.isEmpty() && !backOff(attempt, retryAfter)) {
                retry.forEach(push -> outcomes.put(push, new Delivery(push, Outcome.FAILED, "interrupted")));
                return;
            }
            pending = retry;
        }
    }

    /** Records the outcome of a failed push, or queues it for another attempt; the Retry-After asked for. */
    private Duration classify(Push push, FirebaseMessagingException ex, int attempt, List<Push> retry,
            Map<Push, Delivery> outcomes) {
        MessagingErrorCode code = ex.getMessagingErrorCode();
        String detail = code != null ? code.name() : String.valueOf(ex.getErrorCode());
        if (code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.INVALID_ARGUMENT
                || code == MessagingErrorCode.SENDER_ID_MISMATCH) {
            outcomes.put(push, new Delivery(push, Outcome.TOKEN_INVALID, detail));
            return Duration.ZERO;
        }
        boolean transientFailure = code == MessagingErrorCode.QUOTA_EXCEEDED || code == MessagingErrorCode.UNAVAILABLE
                || code == MessagingErrorCode.INTERNAL;
        if (transientFailure && attempt < maxAttempts) {
            retry.add(push);
            return retryAfter(ex.getHttpResponse(), clock.instant());
        }
        LOG.warn("Push failed after {} attempt(s): {}", attempt, detail);
        outcomes.put(push, new Delivery(push, Outcome.FAILED, detail));
        return Duration.ZERO;
    }

    /** Waits before attempt {@code attempt + 1}; false when interrupted. */
    private boolean backOff(int attempt, Duration retryAfter) {
        Duration exponential = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        Duration wait = max(exponential, retryAfter);
        if (wait.compareTo(maxBackoff) > 0) {
            wait = maxBackoff;
        }
        try {
            sleeper.sleep(wait);
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The Retry-After of an answer: seconds, or an HTTP date (counted from {@code now}, the service's clock);
     * zero when absent, past or unreadable.
     */
    static Duration retryAfter(IncomingHttpResponse response, Instant now) {
        if (response == null || response.getHeaders() == null) {
            return Duration.ZERO;
        }
        Object value = null;
        for (Map.Entry<String, Object> header : response.getHeaders().entrySet()) {
            if ("retry-after".equalsIgnoreCase(header.getKey())) {
                value = header.getValue();
            }
        }
        if (value instanceof List<?> list) {
            value = list.isEmpty() ? null : list.get(0);
        }
        if (value == null) {
            return Duration.ZERO;
        }
        String text = value.toString().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
        }
        catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now,
                        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            }
            catch (DateTimeParseException notADate) {
                return Duration.ZERO;
            }
        }
    }

    private static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    /**
     * The FCM message: lock-screen title and body (no names, no diagnoses) and, as data, only the opaque
     * reference the app resolves after sign-in.
     */
    static Message message(Push push) {
        return Message.builder()
                .setToken(push.token())
                .setNotification(Notification.builder().setTitle(push.title()).setBody(push.body()).build())
                .putData("ref", push.ref())
                .setAndroidConfig(AndroidConfig.builder().setPriority(AndroidConfig.Priority.NORMAL)
                        .setNotification(com.google.firebase.messaging.AndroidNotification.builder()
                                .setVisibility(com.google.firebase.messaging.AndroidNotification.Visibility.PRIVATE)
                                .build())
                        .build())
                .setApnsConfig(ApnsConfig.builder().setAps(Aps.builder().build()).build())
                .build();
    }
}

package org.peerpath.reminders;

import java.util.List;

/**
 * Delivers pushes to devices. Two implementations exist for real: {@link FirebaseNotificationSender} when
 * Firebase credentials are configured, and {@link RecordingNotificationSender} in demo mode and wherever there
 * are none, which sends nothing and leaves the notification records and the log to show what would have gone.
 */
public interface NotificationSender {

    /** The outcome of every push, in the order given. Never throws for an answer of the push service. */
    List<Delivery> send(List<Push> pushes);

    /** Whether this sender only records (demo mode): then a notification counts as recorded even without devices. */
    default boolean recordsOnly() {
        return false;
    }

    /** One message to one device. Title and body are lock-screen text: never names or diagnoses. */
    record Push(String token, String title, String body, String ref) {
    }

    /** What became of one push. */
    record Delivery(Push push, Outcome outcome, String detail) {
    }

    enum Outcome {
        /** Accepted by the push service. */
        DELIVERED,
        /** Not sent anywhere: kept in the notification records and the log (demo mode). */
        RECORDED,
        /** The token is unregistered or invalid: the device is removed. */
        TOKEN_INVALID,
        /** Refused, or still throttled or unavailable after the last retry. */
        FAILED
    }
}

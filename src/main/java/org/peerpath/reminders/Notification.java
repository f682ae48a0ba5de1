package org.peerpath.reminders;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One notification to one person, recorded with its status whatever the sender. Title and body are the
 * lock-screen text (counts only, never names or diagnoses); {@code ref} is the opaque reference the data payload
 * carries, which the app resolves through {@code myNotifications} after sign-in. Deliveries keep only the last
 * characters of each token. {@code clientCount} counts what the digest is about (clients, drafts, consents or
 * certifications); {@code month} is the month concerned, for the daily reminders the month of the day sent.
 */
@Document("notifications")
record Notification(@Id String id, String organizationId, String recipientId, Kind kind, int clientCount,
        String month, String title, String body, String ref, Status status, String sender,
        List<DeliveryRecord> deliveries, Instant createdAt) {

    Notification {
        deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
    }

    enum Kind {
        /** To a coach: clients who still need this month's face-to-face. */
        FACE_TO_FACE_DUE,
        /** To a supervisor: clients whose month ended without the face-to-face. */
        FACE_TO_FACE_MISSED,
        /** To a coach (optional): their own contact drafts unsigned for 2 days or more. */
        DRAFTS_UNSIGNED,
        /** To a coach (optional): active consents of their caseload expiring within 14 days. */
        CONSENTS_EXPIRING,
        /** To a coach (optional): their own certification expiring within 30 days. */
        CERTIFICATION_EXPIRING,
        /** To a supervisor: outreach tasks of their supervisees escalated (due day passed). */
        OUTREACH_ESCALATED,
        /** To a coach: their contacts a supervisor returned for correction. */
        CONTACT_RETURNED,
        /** To a supervisor: signed contacts of their supervisees flagged for missing consent. */
        CONTACT_FLAGGED,
        /** To a supervisor: contacts waiting for their review for more than 2 days. */
        REVIEW_WAITING
    }

    enum Status {
        /** Recorded, not yet handed to the sender (a crash here leaves it visible as such). */
        PENDING,
        /** Accepted by the push service for at least one device. */
        SENT,
        /** Demo mode: kept here and in the log, sent nowhere. */
        RECORDED,
        /** The recipient has no registered device. */
        NO_DEVICE,
        /** No device accepted it (refused, invalid tokens, or retries exhausted). Not resent. */
        FAILED
    }

    record DeliveryRecord(String tokenEnding, NotificationSender.Outcome outcome, String detail) {
    }
}

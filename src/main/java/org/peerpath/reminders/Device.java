package org.peerpath.reminders;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A phone registered for pushes: its Firebase Cloud Messaging token (the id, so registering is idempotent and a
 * token belongs to one person at a time), whose it is, and when the app last refreshed it.
 */
@Document("devices")
record Device(@Id String token, String ownerId, String organizationId, Platform platform, String appVersion,
        String timeZone, Instant registeredAt, Instant lastSeenAt) {

    enum Platform {
        IOS,
        ANDROID
    }
}

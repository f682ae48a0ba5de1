package org.peerpath.people;

import java.time.Instant;
import java.time.ZoneId;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An agency. Its zone decides dates of service and month boundaries; its thresholds decide when a client is
 * at risk or disengaged.
 */
@Document("organizations")
public record Organization(@Id String id, String name, RulePack rulePack, String timeZone, boolean tennCareProvider,
        int atRiskAfterDays, int disengagedAfterDays, long version, Instant createdAt, String creationDigest) {

    public static final int DEFAULT_AT_RISK_AFTER_DAYS = 14;
    public static final int DEFAULT_DISENGAGED_AFTER_DAYS = 30;

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}

package org.peerpath.consent;

import java.time.LocalDate;

/**
 * Where a consent stands on a given date. Pure: computed from the consent's dates, never stored.
 * <ul>
 * <li>NOT_YET_VALID before the effective date (the date signed unless a later one was given): information may
 * not be disclosed on a consent before it was signed (42 CFR §2.31(a)(9)).</li>
 * <li>ACTIVE from the effective date up to and <em>including</em> the expiration date: "expires on" names the
 * last day it may be relied on (42 CFR §2.31(a)(7)).</li>
 * <li>EXPIRED from the day after the expiration date, or from the day an expiration event was recorded as
 * having occurred (42 CFR §2.31(a)(7): "date, event, or condition").</li>
 * <li>REVOKED from the day the revocation was recorded, that whole day included, in the organization's zone
 * (42 CFR §2.31(a)(6)). A disclosure already made in reliance on the consent stays lawful, which is why
 * disclosures are dated and checked against the status on their own date.</li>
 * </ul>
 * When a consent both expired and was revoked, the earlier of the two explains its end (a tie: REVOKED).
 */
public enum ConsentStatus {
    NOT_YET_VALID,
    ACTIVE,
    EXPIRED,
    REVOKED;

    /** The status on {@code date} of a consent with these dates (any but {@code effectiveOn} may be null). */
    public static ConsentStatus on(LocalDate effectiveOn, LocalDate expiresOn, LocalDate expirationEventOccurredOn,
            LocalDate revokedOn, LocalDate date) {
        LocalDate expiredFrom = earlier(expiresOn == null ? null : expiresOn.plusDays(1), expirationEventOccurredOn);
        boolean revoked = revokedOn != null && !date.isBefore(revokedOn);
        boolean expired = expiredFrom != null && !date.isBefore(expiredFrom);
        if (revoked && expired) {
            return expiredFrom.isBefore(revokedOn) ? EXPIRED : REVOKED;
        }
        if (revoked) {
            return REVOKED;
        }
        if (date.isBefore(effectiveOn)) {
            return NOT_YET_VALID;
        }
        return expired ? EXPIRED : ACTIVE;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}

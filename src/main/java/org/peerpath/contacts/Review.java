package org.peerpath.contacts;

import java.time.Instant;

/**
 * A signed contact's review by the coach's supervisor (issue 12, item 1; {@link ReviewPolicy}): null on a contact
 * that needs none. While {@code AWAITING_REVIEW} or {@code RETURNED} its units stay reserved on the ledgers but it
 * is not billable; {@code APPROVED} carries the co-signature. Every step is also in the contact's history.
 *
 * @param reason why it needs review: ASSOCIATE, FLAGGED or EVERYONE
 * @param approvedBy the co-signing supervisor, with {@code approvedAt} and their {@code credential}
 * @param returnedBy the last supervisor who returned it for correction, with {@code returnedAt} and {@code comment}
 */
record Review(Status status, String reason, String approvedBy, Instant approvedAt, String credential,
        String returnedBy, Instant returnedAt, String comment) {

    enum Status {
        AWAITING_REVIEW,
        RETURNED,
        APPROVED
    }

    static Review awaiting(String reason) {
        return new Review(Status.AWAITING_REVIEW, reason, null, null, null, null, null, null);
    }

    /** Whether the contact may count as billable: no review, or an approved one. */
    boolean cleared() {
        return status == Status.APPROVED;
    }
}

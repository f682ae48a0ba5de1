package org.peerpath.contacts;

import org.peerpath.consent.ContactPermission;

/**
 * A billing evaluation with what the contacts feature acts on: whether the supervisor must review it
 * (collateral contact without consent) and the consent decision, whose disclosure is logged on signing.
 */
record Evaluated(BillingOutcome outcome, boolean consentMissing, ContactPermission permission) {
}

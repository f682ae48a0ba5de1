package org.peerpath.plans;

/** Only ACTIVE for now: closing a plan (and starting a new one) is a later step; the unique key is ready for it. */
public enum PlanStatus {
    ACTIVE
}

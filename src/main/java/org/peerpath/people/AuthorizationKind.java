package org.peerpath.people;

/** How services were authorized: in a plan of care (TennCare), by prior authorization (Indiana), or generally. */
public enum AuthorizationKind {
    PLAN_OF_CARE,
    PRIOR_AUTHORIZATION,
    GENERAL
}

package org.peerpath.plans;

/** A member of the support network is a person (sponsor, sister) or a group (a recovery meeting). */
public enum SupportKind {
    PERSON,
    GROUP
}

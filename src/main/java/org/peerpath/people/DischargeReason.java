package org.peerpath.people;

/** Why an enrollment episode ended. */
public enum DischargeReason {
    COMPLETED,
    MOVED,
    DECLINED,
    LOST_TO_CONTACT,
    INCARCERATED,
    DECEASED,
    OTHER
}

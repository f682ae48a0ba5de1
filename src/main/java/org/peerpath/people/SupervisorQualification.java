package org.peerpath.people;

/**
 * Who may supervise peers: Indiana requires a licensed professional or QBHP; CMS allows experienced peers
 * where the state does (seeds/002, seeds/004).
 */
public enum SupervisorQualification {
    LICENSED_PROFESSIONAL,
    QBHP,
    EXPERIENCED_PEER
}

package org.peerpath.people;

/** Where an enrollee stands in the program. */
public enum ProgramStatus {
    REFERRED,
    ENROLLED,
    DISCHARGED
}

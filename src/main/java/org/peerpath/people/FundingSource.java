package org.peerpath.people;

/** A payer, in the enrollee's order of use (Michigan XII). */
public enum FundingSource {
    MEDICAID,
    HEALTHY_MICHIGAN,
    BLOCK_GRANT,
    PA2,
    OTHER
}

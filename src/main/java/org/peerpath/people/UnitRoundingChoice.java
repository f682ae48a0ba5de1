package org.peerpath.people;

/**
 * How an organization has minutes of service become 15-minute units: its rule pack's own rounding, or one it
 * chose. It exists because the specification lets an agency configure rounding ("until an agency configures
 * otherwise", shared/docs/billing-rules.md, Units) while each pack keeps a default (Michigan whole quarters,
 * Indiana and Tennessee midpoint).
 */
public enum UnitRoundingChoice {
    /** Whatever the rule pack in force on the date of service uses. */
    PACK_DEFAULT,
    /** Only completed quarters count (14 minutes is 0 units, 15 is 1, 29 is 1). */
    WHOLE_QUARTERS,
    /** Completed quarters plus one more for a remainder of 8 minutes or more (7 is 0, 8 is 1, 23 is 2). */
    MIDPOINT
}

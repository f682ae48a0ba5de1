package org.peerpath.people;

/** The billing jurisdiction an organization follows (shared/docs/billing-rules.md). */
public enum RulePack {
    MI,
    IN,
    TN
}

package org.peerpath.plans;

/** Where a goal stands. Goals are never deleted: a goal the enrollee gives up is DROPPED, so history stays whole. */
public enum GoalStatus {
    ACTIVE,
    ACHIEVED,
    PAUSED,
    DROPPED
}

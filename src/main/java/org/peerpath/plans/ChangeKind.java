package org.peerpath.plans;

/** What a revision of a plan changed. */
public enum ChangeKind {
    CREATED,
    PLAN_UPDATED,
    GOAL_ADDED,
    GOAL_UPDATED,
    STEP_ADDED,
    STEP_UPDATED,
    STEP_DONE,
    STEP_UNDONE,
    REFLECTION_ADDED,
    ACKNOWLEDGED
}

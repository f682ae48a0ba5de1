package org.peerpath.plans;

/**
 * Who takes a step. Only ENROLLEE steps may be marked done by the enrollee in the app; COACH steps and steps of
 * someone else in the support network (OTHER) are marked by the coach, who hears about them in a session.
 */
public enum StepOwner {
    ENROLLEE,
    COACH,
    OTHER
}

package org.peerpath.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.peerpath.security.Role;

/**
 * An enrollee's recovery plan as it stands now, one document changed only by version-guarded single-document
 * updates. {@code activePlanKey} (the enrollee id while the plan is active) carries a unique index, which is what
 * keeps one active plan per enrollee without transactions. Every change is also written as a
 * {@link RecoveryPlanRevision}; {@code updatedBy}, {@code updatedAt} and {@code lastChange} describe the change
 * that produced this version, so a revision lost to a crash can be rebuilt from the plan itself.
 * {@code coachNotes} is for staff only and never reaches the enrollee ({@link MyRecoveryPlan}).
 */
@Document("recoveryPlans")
public record RecoveryPlan(@Id String id, String organizationId, String enrolleeId, String activePlanKey,
        PlanStatus status, List<Goal> goals, List<String> strengths, List<String> triggers,
        String relapsePreventionPlan, List<SupportContact> supportNetwork, LocalDate reviewDate, String coachNotes,
        List<Acknowledgement> acknowledgements, long version, Instant createdAt, Instant updatedAt, Author updatedBy,
        Change lastChange, String creationDigest) {

    public RecoveryPlan {
        goals = goals == null ? List.of() : List.copyOf(goals);
        strengths = strengths == null ? List.of() : List.copyOf(strengths);
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        supportNetwork = supportNetwork == null ? List.of() : List.copyOf(supportNetwork);
        acknowledgements = acknowledgements == null ? List.of() : List.copyOf(acknowledgements);
    }

    /** A goal in the enrollee's own words. */
    public record Goal(String id, String inOwnWords, LifeDomain lifeDomain, GoalStatus status, LocalDate targetDate,
            List<Step> steps, List<Reflection> reflections) {

        public Goal {
            steps = steps == null ? List.of() : List.copyOf(steps);
            reflections = reflections == null ? List.of() : List.copyOf(reflections);
        }
    }

    /** What, who, by when, and whether it is done (and when, by whom). */
    public record Step(String id, String what, StepOwner who, LocalDate byWhen, boolean done, Instant doneAt,
            Author doneBy) {

        public Boolean doneByEnrollee() {
            return doneBy == null ? null : doneBy.byEnrollee();
        }
    }

    /** A short reflection the enrollee added to a goal. */
    public record Reflection(String id, String text, Instant at) {
    }

    public record SupportContact(String id, String name, SupportKind kind, String relationship, String contact) {
    }

    /** The enrollee acknowledged the plan as it stood at {@code version}. */
    public record Acknowledgement(long version, Instant at, String byId) {
    }

    /** Who made a change: a person id and the role they acted in. */
    public record Author(String personId, Role role) {

        public boolean byEnrollee() {
            return role == Role.ENROLLEE;
        }
    }

    /** What one change did, in a few words, and to which goal or step. */
    public record Change(ChangeKind kind, String summary, String goalId, String stepId) {
    }

    RecoveryPlan withGoals(List<Goal> newGoals) {
        return new RecoveryPlan(id, organizationId, enrolleeId, activePlanKey, status, newGoals, strengths, triggers,
                relapsePreventionPlan, supportNetwork, reviewDate, coachNotes, acknowledgements, version, createdAt,
                updatedAt, updatedBy, lastChange, creationDigest);
    }

    RecoveryPlan withContent(List<String> newStrengths, List<String> newTriggers, String newRelapsePreventionPlan,
            List<SupportContact> newSupportNetwork, LocalDate newReviewDate, String newCoachNotes) {
        return new RecoveryPlan(id, organizationId, enrolleeId, activePlanKey, status, goals, newStrengths,
                newTriggers, newRelapsePreventionPlan, newSupportNetwork, newReviewDate, newCoachNotes,
                acknowledgements, version, createdAt, updatedAt, updatedBy, lastChange, creationDigest);
    }

    RecoveryPlan withAcknowledgements(List<Acknowledgement> newAcknowledgements) {
        return new RecoveryPlan(id, organizationId, enrolleeId, activePlanKey, status, goals, strengths, triggers,
                relapsePreventionPlan, supportNetwork, reviewDate, coachNotes, newAcknowledgements, version, createdAt,
                updatedAt, updatedBy, lastChange, creationDigest);
    }

    /** This plan as changed by {@code by} at {@code at}. */
    RecoveryPlan stamped(Author by, Instant at, Change change) {
        return new RecoveryPlan(id, organizationId, enrolleeId, activePlanKey, status, goals, strengths, triggers,
                relapsePreventionPlan, supportNetwork, reviewDate, coachNotes, acknowledgements, version, createdAt,
                at, by, change, creationDigest);
    }

    Goal goal(String goalId) {
        return goals.stream().filter(g -> g.id().equals(goalId)).findFirst().orElse(null);
    }
}

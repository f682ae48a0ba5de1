package org.peerpath.plans;

import java.time.LocalDate;
import java.util.List;

/** The inputs of the recovery plan mutations, as graphql/plans.graphqls defines them. */
public final class PlanInputs {

    private PlanInputs() {
    }

    public record GoalInput(String id, String inOwnWords, LifeDomain lifeDomain, LocalDate targetDate,
            List<StepInput> steps) {

        public GoalInput {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    public record StepInput(String id, String what, StepOwner who, LocalDate byWhen) {
    }

    public record SupportContactInput(String id, String name, SupportKind kind, String relationship, String contact) {
    }

    public record CreateRecoveryPlanInput(String id, String enrolleeId, List<GoalInput> goals, List<String> strengths,
            List<String> triggers, String relapsePreventionPlan, List<SupportContactInput> supportNetwork,
            LocalDate reviewDate, String coachNotes) {

        public CreateRecoveryPlanInput {
            goals = goals == null ? List.of() : List.copyOf(goals);
            strengths = strengths == null ? List.of() : List.copyOf(strengths);
            triggers = triggers == null ? List.of() : List.copyOf(triggers);
            supportNetwork = supportNetwork == null ? List.of() : List.copyOf(supportNetwork);
        }
    }

    /** Fields left out (null) stay as they are; an empty text clears an optional text. */
    public record UpdateRecoveryPlanInput(String planId, long expectedVersion, List<String> strengths,
            List<String> triggers, String relapsePreventionPlan, List<SupportContactInput> supportNetwork,
            LocalDate reviewDate, String coachNotes) {
    }

    public record AddGoalInput(String planId, long expectedVersion, GoalInput goal) {
    }

    public record UpdateGoalInput(String planId, long expectedVersion, String goalId, String inOwnWords,
            LifeDomain lifeDomain, GoalStatus status, LocalDate targetDate) {
    }

    public record AddStepInput(String planId, long expectedVersion, String goalId, StepInput step) {
    }

    public record UpdateStepInput(String planId, long expectedVersion, String goalId, String stepId, String what,
            StepOwner who, LocalDate byWhen, Boolean done) {
    }

    public record MarkStepDoneInput(String planId, String goalId, String stepId, boolean done, long expectedVersion) {
    }

    public record AddGoalReflectionInput(String planId, String goalId, String id, String text) {
    }

    public record AcknowledgeRecoveryPlanInput(String planId, long version) {
    }
}

package org.peerpath.plans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.InputProblems;
import org.peerpath.plans.PlanInputs.GoalInput;
import org.peerpath.plans.PlanInputs.StepInput;
import org.peerpath.plans.PlanInputs.SupportContactInput;
import org.peerpath.plans.PlanInputs.UpdateGoalInput;
import org.peerpath.plans.PlanInputs.UpdateRecoveryPlanInput;
import org.peerpath.plans.PlanInputs.UpdateStepInput;
import org.peerpath.plans.RecoveryPlan.Acknowledgement;
import org.peerpath.plans.RecoveryPlan.Author;
import org.peerpath.plans.RecoveryPlan.Change;
import org.peerpath.plans.RecoveryPlan.Goal;
import org.peerpath.plans.RecoveryPlan.Reflection;
import org.peerpath.plans.RecoveryPlan.Step;
import org.peerpath.plans.RecoveryPlan.SupportContact;

/**
 * The changes one can make to a plan, as pure functions from the plan as it stands to the plan after the change
 * and a short description of it. A change that changes nothing (a retried request) returns the plan unchanged,
 * which the service answers without writing. Storage, versions and access are the service's business.
 */
final class PlanEdits {

    static final int MAX_GOALS = 30;
    static final int MAX_STEPS_PER_GOAL = 30;
    static final int MAX_LIST_ITEMS = 30;
    static final int MAX_REFLECTIONS_PER_GOAL = 200;
    static final int MAX_REFLECTION_LENGTH = 1000;
    static final int MAX_LONG_TEXT = 5000;

    private PlanEdits() {
    }

    /** The plan after a change, and what the change was. */
    record Edit(RecoveryPlan plan, Change change) {
    }

    static Goal newGoal(GoalInput input) {
        return new Goal(input.id(), input.inOwnWords().trim(), input.lifeDomain(), GoalStatus.ACTIVE,
                input.targetDate(), input.steps().stream().map(PlanEdits::newStep).toList(), List.of());
    }

    static Step newStep(StepInput input) {
        return new Step(input.id(), input.what().trim(), input.who(), input.byWhen(), false, null, null);
    }

    static List<SupportContact> supportNetwork(List<SupportContactInput> inputs) {
        return inputs.stream().map(c -> new SupportContact(c.id(), c.name().trim(), c.kind(),
                blankToNull(c.relationship()), blankToNull(c.contact()))).toList();
    }

    static List<String> cleaned(List<String> texts) {
        return texts.stream().map(String::trim).toList();
    }

    static Edit updatePlan(RecoveryPlan plan, UpdateRecoveryPlanInput input) {
        List<String> changed = new ArrayList<>();
        List<String> strengths = pick(input.strengths() == null ? null : cleaned(input.strengths()),
                plan.strengths(), "strengths", changed);
        List<String> triggers = pick(input.triggers() == null ? null : cleaned(input.triggers()), plan.triggers(),
                "triggers", changed);
        String relapsePreventionPlan = pickText(input.relapsePreventionPlan(), plan.relapsePreventionPlan(),
                "relapsePreventionPlan", changed);
        List<SupportContact> supportNetwork = pick(input.supportNetwork() == null ? null
                : supportNetwork(input.supportNetwork()), plan.supportNetwork(), "supportNetwork", changed);
        var reviewDate = pick(input.reviewDate(), plan.reviewDate(), "reviewDate", changed);
        String coachNotes = pickText(input.coachNotes(), plan.coachNotes(), "coachNotes", changed);
        return new Edit(plan.withContent(strengths, triggers, relapsePreventionPlan, supportNetwork, reviewDate,
                coachNotes), new Change(ChangeKind.PLAN_UPDATED, "Changed " + String.join(", ", changed) + ".",
                        null, null));
    }

    static Edit addGoal(RecoveryPlan plan, GoalInput input) {
        Goal goal = newGoal(input);
        Goal existing = plan.goal(goal.id());
        if (existing != null) {
            if (existing.equals(goal)) {
                return new Edit(plan, null); // a retry of this very request
            }
            throw idInUse(goal.id());
        }
        if (plan.goals().size() >= MAX_GOALS) {
            throw DomainException.validation("A plan holds at most " + MAX_GOALS + " goals; drop or achieve one.");
        }
        for (Step step : goal.steps()) {
            if (stepIds(plan).contains(step.id())) {
                throw idInUse(step.id());
            }
        }
        List<Goal> goals = new ArrayList<>(plan.goals());
        goals.add(goal);
        return new Edit(plan.withGoals(goals), new Change(ChangeKind.GOAL_ADDED,
                "Added a goal (" + goal.lifeDomain() + ") with " + goal.steps().size() + " step(s).", goal.id(), null));
    }

    static Edit updateGoal(RecoveryPlan plan, UpdateGoalInput input) {
        Goal goal = requireGoal(plan, input.goalId());
        List<String> changed = new ArrayList<>();
        String inOwnWords = pick(input.inOwnWords() == null ? null : input.inOwnWords().trim(), goal.inOwnWords(),
                "inOwnWords", changed);
        LifeDomain domain = pick(input.lifeDomain(), goal.lifeDomain(), "lifeDomain", changed);
        GoalStatus status = goal.status();
        if (input.status() != null && input.status() != goal.status()) {
            changed.add("status " + goal.status() + " -> " + input.status());
            status = input.status();
        }
        var targetDate = pick(input.targetDate(), goal.targetDate(), "targetDate", changed);
        Goal updated = new Goal(goal.id(), inOwnWords, domain, status, targetDate, goal.steps(), goal.reflections());
        return new Edit(replaceGoal(plan, goal.id(), g -> updated), new Change(ChangeKind.GOAL_UPDATED,
                "Goal: changed " + String.join(", ", changed) + ".", goal.id(), null));
    }

    static Edit addStep(RecoveryPlan plan, String goalId, StepInput input) {
        Goal goal = requireGoal(plan, goalId);
        Step step = newStep(input);
        if (stepIds(plan).contains(step.id())) {
            if (goal.steps().contains(step)) {
                return new Edit(plan, null); // a retry of this very request
            }
            throw idInUse(step.id());
        }
        if (goal.steps().size() >= MAX_STEPS_PER_GOAL) {
            throw DomainException.validation("A goal holds at most " + MAX_STEPS_PER_GOAL + " steps.");
        }
        List<Step> steps = new ArrayList<>(goal.steps());
        steps.add(step);
        return new Edit(replaceGoal(plan, goalId, g -> withSteps(g, steps)), new Change(ChangeKind.STEP_ADDED,
                "Added a step for " + step.who() + ".", goalId, step.id()));
    }

    /** Staff change anything about a step, including marking any step done for the enrollee. */
    static Edit updateStep(RecoveryPlan plan, UpdateStepInput input, Author by, Instant now) {
        Goal goal = requireGoal(plan, input.goalId());
        Step step = requireStep(goal, input.stepId());
        List<String> changed = new ArrayList<>();
        String what = pick(input.what() == null ? null : input.what().trim(), step.what(), "what", changed);
        StepOwner who = pick(input.who(), step.who(), "who", changed);
        var byWhen = pick(input.byWhen(), step.byWhen(), "byWhen", changed);
        Step updated = new Step(step.id(), what, who, byWhen, step.done(), step.doneAt(), step.doneBy());
        boolean doneChanged = input.done() != null && input.done() != step.done();
        if (doneChanged) {
            updated = marked(updated, input.done(), by, now);
        }
        ChangeKind kind = !changed.isEmpty() || !doneChanged ? ChangeKind.STEP_UPDATED
                : input.done() ? ChangeKind.STEP_DONE : ChangeKind.STEP_UNDONE;
        if (doneChanged) {
            changed.add(input.done() ? "marked done" : "marked not done");
        }
        return new Edit(replaceStep(plan, goal, step.id(), updated), new Change(kind,
                "Step: " + String.join(", ", changed) + ".", goal.id(), step.id()));
    }

    /** The enrollee marks one of their own steps (who: ENROLLEE) done or not done. */
    static Edit markStepDone(RecoveryPlan plan, String goalId, String stepId, boolean done, Author by, Instant now) {
        Goal goal = requireGoal(plan, goalId);
        Step step = requireStep(goal, stepId);
        if (step.who() != StepOwner.ENROLLEE) {
            throw DomainException.forbidden("Only your own steps can be marked in the app; this one is for "
                    + step.who() + ". Your coach can mark it.");
        }
        if (step.done() == done) {
            return new Edit(plan, null); // already so: a retry, or the other phone did it
        }
        return new Edit(replaceStep(plan, goal, stepId, marked(step, done, by, now)),
                new Change(done ? ChangeKind.STEP_DONE : ChangeKind.STEP_UNDONE,
                        done ? "Marked a step done." : "Marked a step not done.", goalId, stepId));
    }

    static Edit addReflection(RecoveryPlan plan, String goalId, String reflectionId, String text, Instant now) {
        Goal goal = requireGoal(plan, goalId);
        Reflection existing = goal.reflections().stream().filter(r -> r.id().equals(reflectionId)).findFirst()
                .orElse(null);
        if (existing != null) {
            if (existing.text().equals(text.trim())) {
                return new Edit(plan, null); // a retry of this very request
            }
            throw idInUse(reflectionId);
        }
        if (goal.reflections().size() >= MAX_REFLECTIONS_PER_GOAL) {
            throw DomainException.validation("A goal holds at most " + MAX_REFLECTIONS_PER_GOAL + " reflections.");
        }
        List<Reflection> reflections = new ArrayList<>(goal.reflections());
        reflections.add(new Reflection(reflectionId, text.trim(), now));
        return new Edit(replaceGoal(plan, goalId, g -> new Goal(g.id(), g.inOwnWords(), g.lifeDomain(), g.status(),
                g.targetDate(), g.steps(), reflections)), new Change(ChangeKind.REFLECTION_ADDED,
                        "Added a reflection to a goal.", goalId, null));
    }

    /** The enrollee acknowledges the plan as it stands at {@code version} (which must be the current one). */
    static Edit acknowledge(RecoveryPlan plan, long version, Author by, Instant now) {
        if (plan.acknowledgements().stream().anyMatch(a -> a.version() == version)) {
            return new Edit(plan, null); // already acknowledged
        }
        List<Acknowledgement> acknowledgements = new ArrayList<>(plan.acknowledgements());
        acknowledgements.add(new Acknowledgement(version, now, by.personId()));
        return new Edit(plan.withAcknowledgements(acknowledgements), new Change(ChangeKind.ACKNOWLEDGED,
                "Acknowledged version " + version + ".", null, null));
    }

    private static Step marked(Step step, boolean done, Author by, Instant now) {
        return done ? new Step(step.id(), step.what(), step.who(), step.byWhen(), true, now, by)
                : new Step(step.id(), step.what(), step.who(), step.byWhen(), false, null, null);
    }

    private static Goal requireGoal(RecoveryPlan plan, String goalId) {
        Goal goal = plan.goal(goalId);
        if (goal == null) {
            throw DomainException.notFound("Goal " + goalId);
        }
        return goal;
    }

    private static Step requireStep(Goal goal, String stepId) {
        return goal.steps().stream().filter(s -> s.id().equals(stepId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("Step " + stepId));
    }

    private static Set<String> stepIds(RecoveryPlan plan) {
        Set<String> ids = new HashSet<>();
        plan.goals().forEach(g -> g.steps().forEach(s -> ids.add(s.id())));
        return ids;
    }

    private static RecoveryPlan replaceGoal(RecoveryPlan plan, String goalId, UnaryOperator<Goal> change) {
        return plan.withGoals(plan.goals().stream().map(g -> g.id().equals(goalId) ? change.apply(g) : g).toList());
    }

    private static RecoveryPlan replaceStep(RecoveryPlan plan, Goal goal, String stepId, Step step) {
        return replaceGoal(plan, goal.id(), g -> withSteps(g,
                g.steps().stream().map(s -> s.id().equals(stepId) ? step : s).toList()));
    }

    private static Goal withSteps(Goal g, List<Step> steps) {
        return new Goal(g.id(), g.inOwnWords(), g.lifeDomain(), g.status(), g.targetDate(), steps, g.reflections());
    }

    private static DomainException idInUse(String id) {
        return DomainException.conflict("The id " + id + " is already used by something else in this plan.",
                Map.of("id", id));
    }

    private static <T> T pick(T given, T current, String field, List<String> changed) {
        if (given == null || Objects.equals(given, current)) {
            return current;
        }
        changed.add(field);
        return given;
    }

    private static String pickText(String given, String current, String field, List<String> changed) {
        if (given == null) {
            return current;
        }
        String text = blankToNull(given); // an empty text clears the field
        if (!Objects.equals(text, current)) {
            changed.add(field);
        }
        return text;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** The plan-specific input checks, collecting every problem before anything is written. */
    static final class Checks extends InputProblems {

        @Override
        public Checks id(String id, String field) {
            super.id(id, field);
            return this;
        }

        @Override
        public Checks text(String value, String field, int maxLength) {
            super.text(value, field, maxLength);
            return this;
        }

        Checks optionalText(String value, String field, int maxLength) {
            check(value != null && value.length() > maxLength,
                    "'" + field + "' must be at most " + maxLength + " characters.");
            return this;
        }

        Checks version(long version, String field) {
            check(version < 0, "'" + field + "' must not be negative.");
            return this;
        }

        Checks required(Object value, String field) {
            check(value == null, "'" + field + "' is required.");
            return this;
        }

        Checks texts(List<String> texts, String field) {
            if (texts != null) {
                check(texts.size() > MAX_LIST_ITEMS, "'" + field + "' holds at most " + MAX_LIST_ITEMS + " items.");
                for (int i = 0; i < texts.size(); i++) {
                    text(texts.get(i), field + "[" + i + "]", 500);
                }
            }
            return this;
        }

        Checks goals(List<GoalInput> goals, String field) {
            check(goals.size() > MAX_GOALS, "'" + field + "' holds at most " + MAX_GOALS + " goals.");
            for (int i = 0; i < goals.size(); i++) {
                goal(goals.get(i), field + "[" + i + "]");
            }
            List<String> ids = new ArrayList<>();
            goals.forEach(g -> {
                ids.add(g.id());
                g.steps().forEach(s -> ids.add(s.id()));
            });
            check(ids.stream().filter(Objects::nonNull).distinct().count() != ids.stream().filter(Objects::nonNull)
                    .count(), "Every goal and step in '" + field + "' needs its own id.");
            return this;
        }

        Checks goal(GoalInput goal, String field) {
            if (goal == null) {
                return required(null, field);
            }
            id(goal.id(), field + ".id").text(goal.inOwnWords(), field + ".inOwnWords", 1000)
                    .required(goal.lifeDomain(), field + ".lifeDomain");
            check(goal.steps().size() > MAX_STEPS_PER_GOAL,
                    "'" + field + ".steps' holds at most " + MAX_STEPS_PER_GOAL + " steps.");
            for (int i = 0; i < goal.steps().size(); i++) {
                step(goal.steps().get(i), field + ".steps[" + i + "]");
            }
            check(goal.steps().stream().map(StepInput::id).distinct().count() != goal.steps().size(),
                    "Every step in '" + field + ".steps' needs its own id.");
            return this;
        }

        Checks step(StepInput step, String field) {
            if (step == null) {
                return required(null, field);
            }
            return id(step.id(), field + ".id").text(step.what(), field + ".what", 500)
                    .required(step.who(), field + ".who");
        }

        Checks supportNetwork(List<SupportContactInput> contacts, String field) {
            if (contacts != null) {
                check(contacts.size() > MAX_LIST_ITEMS,
                        "'" + field + "' holds at most " + MAX_LIST_ITEMS + " people and groups.");
                for (int i = 0; i < contacts.size(); i++) {
                    SupportContactInput c = contacts.get(i);
                    String at = field + "[" + i + "]";
                    id(c.id(), at + ".id").text(c.name(), at + ".name", 200).required(c.kind(), at + ".kind")
                            .optionalText(c.relationship(), at + ".relationship", 100)
                            .optionalText(c.contact(), at + ".contact", 200);
                }
                check(contacts.stream().map(SupportContactInput::id).distinct().count() != contacts.size(),
                        "Every entry of '" + field + "' needs its own id.");
            }
            return this;
        }
    }
}

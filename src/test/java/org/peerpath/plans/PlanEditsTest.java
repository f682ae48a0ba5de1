package org.peerpath.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.ErrorCode;
import org.peerpath.plans.PlanEdits.Edit;
import org.peerpath.plans.PlanInputs.GoalInput;
import org.peerpath.plans.PlanInputs.StepInput;
import org.peerpath.plans.PlanInputs.UpdateGoalInput;
import org.peerpath.plans.PlanInputs.UpdateRecoveryPlanInput;
import org.peerpath.plans.RecoveryPlan.Author;
import org.peerpath.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanEditsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
    private static final Author ENROLLEE = new Author("e1", Role.ENROLLEE);
    private static final Author COACH = new Author("c1", Role.RECOVERY_COACH);

    private final GoalInput goalInput = new GoalInput("g1", "Get my license back", LifeDomain.COMMUNITY_LIVING,
            null, List.of(new StepInput("s1", "Call the office", StepOwner.ENROLLEE, null),
                    new StepInput("s2", "Find the waiver", StepOwner.COACH, null)));
    private final RecoveryPlan plan = new RecoveryPlan("p1", "o1", "e1", "e1", PlanStatus.ACTIVE,
            List.of(PlanEdits.newGoal(goalInput)), List.of(), List.of(), null, List.of(), LocalDate.of(2027, 1, 1),
            "notes", List.of(), 3, NOW, NOW, COACH, null, "digest");

    @Test
    void enrolleeMarksOnlyTheirOwnSteps() {
        Edit edit = PlanEdits.markStepDone(plan, "g1", "s1", true, ENROLLEE, NOW);
        RecoveryPlan.Step step = edit.plan().goal("g1").steps().get(0);
        assertThat(step.done()).isTrue();
        assertThat(step.doneByEnrollee()).isTrue();
        assertThat(step.doneAt()).isEqualTo(NOW);
        assertThat(edit.change().kind()).isEqualTo(ChangeKind.STEP_DONE);

        assertThatThrownBy(() -> PlanEdits.markStepDone(plan, "g1", "s2", true, ENROLLEE, NOW))
                .isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void markingAStepAsItAlreadyIsChangesNothing() {
        RecoveryPlan done = PlanEdits.markStepDone(plan, "g1", "s1", true, ENROLLEE, NOW).plan();
        assertThat(PlanEdits.markStepDone(done, "g1", "s1", true, ENROLLEE, NOW.plusSeconds(5)).plan()).isEqualTo(done);
    }

    @Test
    void retryingAnAddedGoalChangesNothingButReusingItsIdIsAConflict() {
        RecoveryPlan withGoal = PlanEdits.addGoal(plan, new GoalInput("g2", "Sleep", LifeDomain.HEALTH_CARE, null,
                List.of())).plan();
        assertThat(PlanEdits.addGoal(withGoal, new GoalInput("g2", "Sleep", LifeDomain.HEALTH_CARE, null, List.of()))
                .plan()).isEqualTo(withGoal);
        assertThatThrownBy(() -> PlanEdits.addGoal(withGoal, new GoalInput("g2", "Run", LifeDomain.LEISURE, null,
                List.of()))).isInstanceOfSatisfying(DomainException.class,
                        ex -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void aPlanUpdateSaysWhichFieldsChangedAndLeavesOthersAlone() {
        Edit edit = PlanEdits.updatePlan(plan, new UpdateRecoveryPlanInput("p1", 3, List.of(" Humor "), null, null,
                null, LocalDate.of(2027, 1, 1), ""));
        assertThat(edit.plan().strengths()).containsExactly("Humor");
        assertThat(edit.plan().coachNotes()).isNull();
        assertThat(edit.plan().reviewDate()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(edit.change().summary()).isEqualTo("Changed strengths, coachNotes.");
    }

    @Test
    void aGoalStatusChangeIsSpelledOut() {
        Edit edit = PlanEdits.updateGoal(plan, new UpdateGoalInput("p1", 3, "g1", null, null, GoalStatus.ACHIEVED,
                null));
        assertThat(edit.plan().goal("g1").status()).isEqualTo(GoalStatus.ACHIEVED);
        assertThat(edit.change().summary()).contains("status ACTIVE -> ACHIEVED");
    }

    @Test
    void aReflectionIsAddedOnceAndAVersionAcknowledgedOnce() {
        RecoveryPlan reflected = PlanEdits.addReflection(plan, "g1", "r1", " Going ok ", NOW).plan();
        assertThat(reflected.goal("g1").reflections()).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("Going ok"));
        assertThat(PlanEdits.addReflection(reflected, "g1", "r1", "Going ok", NOW).plan()).isEqualTo(reflected);

        RecoveryPlan acknowledged = PlanEdits.acknowledge(plan, 3, ENROLLEE, NOW).plan();
        assertThat(acknowledged.acknowledgements()).singleElement()
                .satisfies(a -> assertThat(a.version()).isEqualTo(3));
        assertThat(PlanEdits.acknowledge(acknowledged, 3, ENROLLEE, NOW).plan()).isEqualTo(acknowledged);
    }

    @Test
    void checksCollectEveryProblem() {
        PlanEdits.Checks checks = new PlanEdits.Checks();
        checks.goals(List.of(new GoalInput("bad", "", null, null, List.of(new StepInput("bad", "", null, null)))),
                "goals");
        assertThatThrownBy(checks::throwIfAny).isInstanceOfSatisfying(DomainException.class, ex -> {
            assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat((List<?>) ex.details().get("problems")).hasSize(7);
        });
    }
}

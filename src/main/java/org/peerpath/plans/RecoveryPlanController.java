package org.peerpath.plans;

import java.time.Instant;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.graphql.Connection;
import org.peerpath.graphql.PageRequest;
import org.peerpath.plans.PlanInputs.AcknowledgeRecoveryPlanInput;
import org.peerpath.plans.PlanInputs.AddGoalInput;
import org.peerpath.plans.PlanInputs.AddGoalReflectionInput;
import org.peerpath.plans.PlanInputs.AddStepInput;
import org.peerpath.plans.PlanInputs.CreateRecoveryPlanInput;
import org.peerpath.plans.PlanInputs.MarkStepDoneInput;
import org.peerpath.plans.PlanInputs.UpdateGoalInput;
import org.peerpath.plans.PlanInputs.UpdateRecoveryPlanInput;
import org.peerpath.plans.PlanInputs.UpdateStepInput;
import org.peerpath.security.Viewer;

/** The recovery plan operations of the coach, supervisor and enrollee apps; the service decides who may do what. */
@Controller
class RecoveryPlanController {

    private final RecoveryPlans plans;

    RecoveryPlanController(RecoveryPlans plans) {
        this.plans = plans;
    }

    /** The staff view of a plan. */
    record RecoveryPlanPayload(RecoveryPlan plan) {
    }

    /** The enrollee's view of their own plan. */
    record MyRecoveryPlanPayload(MyRecoveryPlan plan) {
    }

    @QueryMapping
    RecoveryPlan recoveryPlan(@AuthenticationPrincipal Viewer viewer, @Argument String enrolleeId,
            @Argument Instant asOf) {
        return plans.plan(viewer, enrolleeId, asOf);
    }

    @QueryMapping
    Connection<RecoveryPlanRevision> recoveryPlanHistory(@AuthenticationPrincipal Viewer viewer,
            @Argument String enrolleeId, @Argument Boolean byEnrolleeOnly, @Argument Integer sinceVersion,
            @Argument Integer first, @Argument String after) {
        return plans.history(viewer, enrolleeId, Boolean.TRUE.equals(byEnrolleeOnly), sinceVersion,
                PageRequest.of(first, after, 20));
    }

    @QueryMapping
    Connection<RecoveryPlan> plansDueForReview(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after) {
        return plans.dueForReview(viewer, PageRequest.of(first, after, 20));
    }

    @QueryMapping
    MyRecoveryPlan myRecoveryPlan(@AuthenticationPrincipal Viewer viewer) {
        return plans.myPlan(viewer);
    }

    @MutationMapping
    RecoveryPlanPayload createRecoveryPlan(@AuthenticationPrincipal Viewer viewer,
            @Argument CreateRecoveryPlanInput input) {
        return new RecoveryPlanPayload(plans.create(viewer, input));
    }

    @MutationMapping
    RecoveryPlanPayload updateRecoveryPlan(@AuthenticationPrincipal Viewer viewer,
            @Argument UpdateRecoveryPlanInput input) {
        return new RecoveryPlanPayload(plans.update(viewer, input));
    }

    @MutationMapping
    RecoveryPlanPayload addGoal(@AuthenticationPrincipal Viewer viewer, @Argument AddGoalInput input) {
        return new RecoveryPlanPayload(plans.addGoal(viewer, input));
    }

    @MutationMapping
    RecoveryPlanPayload updateGoal(@AuthenticationPrincipal Viewer viewer, @Argument UpdateGoalInput input) {
        return new RecoveryPlanPayload(plans.updateGoal(viewer, input));
    }

    @MutationMapping
    RecoveryPlanPayload addStep(@AuthenticationPrincipal Viewer viewer, @Argument AddStepInput input) {
        return new RecoveryPlanPayload(plans.addStep(viewer, input));
    }

    @MutationMapping
    RecoveryPlanPayload updateStep(@AuthenticationPrincipal Viewer viewer, @Argument UpdateStepInput input) {
        return new RecoveryPlanPayload(plans.updateStep(viewer, input));
    }

    @MutationMapping
    MyRecoveryPlanPayload markStepDone(@AuthenticationPrincipal Viewer viewer, @Argument MarkStepDoneInput input) {
        return new MyRecoveryPlanPayload(plans.markStepDone(viewer, input));
    }

    @MutationMapping
    MyRecoveryPlanPayload addGoalReflection(@AuthenticationPrincipal Viewer viewer,
            @Argument AddGoalReflectionInput input) {
        return new MyRecoveryPlanPayload(plans.addReflection(viewer, input));
    }

    @MutationMapping
    MyRecoveryPlanPayload acknowledgeRecoveryPlan(@AuthenticationPrincipal Viewer viewer,
            @Argument AcknowledgeRecoveryPlanInput input) {
        return new MyRecoveryPlanPayload(plans.acknowledge(viewer, input));
    }
}

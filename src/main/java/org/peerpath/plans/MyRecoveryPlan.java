package org.peerpath.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.peerpath.plans.RecoveryPlan.Acknowledgement;
import org.peerpath.plans.RecoveryPlan.Goal;
import org.peerpath.plans.RecoveryPlan.SupportContact;

/**
 * The enrollee's own plan as the enrollee sees it: everything but what is for staff only (coach notes, who on the
 * staff changed what). A separate type on purpose, so the staff view can never be handed to an enrollee.
 */
public record MyRecoveryPlan(String id, PlanStatus status, List<Goal> goals, List<String> strengths,
        List<String> triggers, String relapsePreventionPlan, List<SupportContact> supportNetwork,
        LocalDate reviewDate, long version, List<Acknowledgement> acknowledgements, Instant updatedAt) {

    static MyRecoveryPlan of(RecoveryPlan plan) {
        return plan == null ? null : new MyRecoveryPlan(plan.id(), plan.status(), plan.goals(), plan.strengths(),
                plan.triggers(), plan.relapsePreventionPlan(), plan.supportNetwork(), plan.reviewDate(),
                plan.version(), plan.acknowledgements(), plan.updatedAt());
    }
}

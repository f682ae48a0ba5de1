package org.peerpath.plans;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.peerpath.plans.RecoveryPlan.Author;

/**
 * One change to a plan, never updated or deleted: who, when, what, and the whole plan after the change, so the
 * plan at any past instant is the snapshot of the last revision before it. The id {@code planId:version} makes
 * writing it idempotent.
 */
@Document("recoveryPlanRevisions")
public record RecoveryPlanRevision(@Id String id, String planId, String enrolleeId, String organizationId,
        long version, Instant at, Author by, ChangeKind kind, String summary, String goalId, String stepId,
        RecoveryPlan snapshot) {

    /** Whether the enrollee made this change in their app (coaches review these). */
    public boolean byEnrollee() {
        return by.byEnrollee();
    }

    static RecoveryPlanRevision of(RecoveryPlan plan) {
        return new RecoveryPlanRevision(plan.id() + ":" + plan.version(), plan.id(), plan.enrolleeId(),
                plan.organizationId(), plan.version(), plan.updatedAt(), plan.updatedBy(), plan.lastChange().kind(),
                plan.lastChange().summary(), plan.lastChange().goalId(), plan.lastChange().stepId(), plan);
    }
}

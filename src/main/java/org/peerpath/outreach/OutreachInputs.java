package org.peerpath.outreach;

import java.time.Instant;
import java.time.LocalDate;

import org.peerpath.outreach.OutreachTask.AttemptOutcome;
import org.peerpath.outreach.OutreachTask.Method;
import org.peerpath.outreach.OutreachTask.Outcome;

/** The inputs of graphql/outreach.graphqls. */
final class OutreachInputs {

    private OutreachInputs() {
    }

    /** A task opened by hand, under a client-generated id (a retry returns the same task). */
    record OpenOutreachTaskInput(String id, String enrolleeId, LocalDate dueOn, String note) {
    }

    /** An attempt, under a client-generated id (a retry records it once). */
    record RecordOutreachAttemptInput(String taskId, String id, Method method, AttemptOutcome outcome, String notes,
            Instant at, String emergencyContactId, String personContacted) {
    }

    record CloseOutreachTaskInput(String taskId, Outcome outcome, String reason) {
    }
}

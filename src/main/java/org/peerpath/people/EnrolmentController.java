package org.peerpath.people;

import java.util.List;
import java.util.Map;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.people.Enrolments.DischargeEnrolleeInput;
import org.peerpath.people.Enrolments.ReadmitEnrolleeInput;
import org.peerpath.security.Viewer;

/** Discharge and readmission (graphql/enrolment.graphqls); the status shown is today's, from the episodes. */
@Controller
class EnrolmentController {

    private final Enrolments enrolments;

    EnrolmentController(Enrolments enrolments) {
        this.enrolments = enrolments;
    }

    record EnrolleePayload(Enrollee enrollee) {
    }

    @MutationMapping
    EnrolleePayload dischargeEnrollee(@AuthenticationPrincipal Viewer viewer,
            @Argument DischargeEnrolleeInput input) {
        return new EnrolleePayload(enrolments.discharge(viewer, input));
    }

    @MutationMapping
    EnrolleePayload readmitEnrollee(@AuthenticationPrincipal Viewer viewer, @Argument ReadmitEnrolleeInput input) {
        return new EnrolleePayload(enrolments.readmit(viewer, input));
    }

    @BatchMapping(typeName = "Enrollee", field = "status")
    Map<Enrollee, ProgramStatus> status(List<Enrollee> enrollees) {
        return enrolments.statusToday(enrollees);
    }
}

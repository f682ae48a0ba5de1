package org.peerpath.people;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.people.Supervision.AssignSupervisorInput;
import org.peerpath.security.Viewer;

/** Supervisor assignments and credential types (graphql/supervision.graphqls). */
@Controller
class SupervisionController {

    private final Supervision supervision;
    private final PeopleDirectory directory;

    SupervisionController(Supervision supervision, PeopleDirectory directory) {
        this.supervision = supervision;
        this.directory = directory;
    }

    record StaffMemberPayload(StaffMember staffMember) {
    }

    @MutationMapping
    StaffMemberPayload assignSupervisor(@AuthenticationPrincipal Viewer viewer,
            @Argument AssignSupervisorInput input) {
        return new StaffMemberPayload(supervision.assign(viewer, input));
    }

    @SchemaMapping(typeName = "Certification", field = "type")
    CertificationType type(Certification certification) {
        return certification.kind();
    }

    @BatchMapping(typeName = "SupervisorAssignment", field = "supervisor")
    Map<SupervisorAssignment, StaffMember> supervisor(List<SupervisorAssignment> assignments) {
        Map<String, StaffMember> byId = directory.staffByIds(assignments.stream()
                .map(SupervisorAssignment::supervisorId).distinct().toList()).stream()
                .collect(Collectors.toMap(StaffMember::id, Function.identity()));
        return assignments.stream().filter(a -> byId.containsKey(a.supervisorId()))
                .collect(Collectors.toMap(Function.identity(), a -> byId.get(a.supervisorId()), (a, b) -> a));
    }
}

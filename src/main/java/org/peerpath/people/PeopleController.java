package org.peerpath.people;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.graphql.Connection;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.PageRequest;
import org.peerpath.security.Viewer;

/** Reads of people: the signed-in person, caseloads, enrollees and staff. Nested fields load in batches. */
@Controller
class PeopleController {

    private final PeopleDirectory directory;
    private final EnrolleeAccess access;
    private final Enrolments enrolments;

    PeopleController(PeopleDirectory directory, EnrolleeAccess access, Enrolments enrolments) {
        this.directory = directory;
        this.access = access;
        this.enrolments = enrolments;
    }

    /** The signed-in person. Exactly one of {@code staffMember} and {@code enrollee} is set. */
    record Me(String id, PersonKind kind, StaffRole role, String displayName, StaffMember staffMember,
            EnrolleeProfile enrollee) {
    }

    enum PersonKind {
        STAFF,
        ENROLLEE
    }

    /** What an enrollee sees of their own record: nothing about billing or other people. */
    record EnrolleeProfile(String id, String firstName, String preferredName, ProgramStatus status,
            String coachName, List<EmergencyContact> emergencyContacts) {
    }

    @QueryMapping
    Me me(@AuthenticationPrincipal Viewer viewer) {
        if (viewer.isEnrollee()) {
            Enrollee self = access.open(viewer, viewer.personId(), "me");
            String coachName = self.coachId() == null ? null
                    : directory.staffByIds(List.of(self.coachId())).stream().findFirst()
                            .map(StaffMember::displayName).orElse(null);
            return new Me(self.id(), PersonKind.ENROLLEE, null, viewer.displayName(), null,
                    new EnrolleeProfile(self.id(), self.firstName(), self.preferredName(),
                            enrolments.statusToday(List.of(self)).get(self), coachName,
                            self.emergencyContacts()));
        }
        StaffMember staff = directory.staffMember(viewer, viewer.personId());
        return new Me(staff.id(), PersonKind.STAFF, staff.role(), staff.displayName(), staff, null);
    }

    @QueryMapping
    Connection<Enrollee> caseload(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after, @Argument String search, @Argument ProgramStatus status) {
        if (!viewer.role().carriesCaseload()) {
            throw DomainException.forbidden("Only coaches and associates have a caseload.");
        }
        return directory.enrollees(viewer, viewer.personId(), status, search, PageRequest.of(first, after, 20),
                "caseload");
    }

    @QueryMapping
    Enrollee enrollee(@AuthenticationPrincipal Viewer viewer, @Argument String id) {
        return access.openForStaff(viewer, id, "enrollee");
    }

    @QueryMapping
    Organization organization(@AuthenticationPrincipal Viewer viewer) {
        requireStaff(viewer);
        return directory.organizationOf(viewer);
    }

    @QueryMapping
    Connection<StaffMember> staffMembers(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after, @Argument StaffRole role) {
        requireOverseer(viewer);
        return directory.staff(viewer, role, PageRequest.of(first, after, 20));
    }

    @QueryMapping
    StaffMember staffMember(@AuthenticationPrincipal Viewer viewer, @Argument String id) {
        requireOverseer(viewer);
        return directory.staffMember(viewer, id);
    }

    @QueryMapping
    Connection<Enrollee> enrollees(@AuthenticationPrincipal Viewer viewer, @Argument Integer first,
            @Argument String after, @Argument String search, @Argument ProgramStatus status,
            @Argument String coachId) {
        requireOverseer(viewer);
        return directory.enrollees(viewer, Ids.optional(coachId, "coachId"), status, search,
                PageRequest.of(first, after, 20), "enrollees");
    }

    @BatchMapping(typeName = "Enrollee", field = "coach")
    Map<Enrollee, StaffMember> coach(List<Enrollee> enrollees) {
        Map<String, StaffMember> byId = byId(directory.staffByIds(
                enrollees.stream().map(Enrollee::coachId).filter(java.util.Objects::nonNull).distinct().toList()));
        return enrollees.stream().filter(e -> e.coachId() != null && byId.containsKey(e.coachId()))
                .collect(Collectors.toMap(Function.identity(), e -> byId.get(e.coachId())));
    }

    @BatchMapping(typeName = "Enrollee", field = "authorizations")
    Map<Enrollee, List<Authorization>> authorizations(List<Enrollee> enrollees) {
        Map<String, List<Authorization>> byEnrollee = directory.authorizationsOf(
                enrollees.stream().map(Enrollee::id).toList()).stream()
                .collect(Collectors.groupingBy(Authorization::enrolleeId));
        return enrollees.stream().collect(Collectors.toMap(Function.identity(),
                e -> byEnrollee.getOrDefault(e.id(), List.of())));
    }

    @BatchMapping(typeName = "StaffMember", field = "supervisor")
    Map<StaffMember, StaffMember> supervisor(List<StaffMember> staff) {
        Map<String, StaffMember> byId = byId(directory.staffByIds(
                staff.stream().map(StaffMember::supervisorId).filter(java.util.Objects::nonNull).distinct().toList()));
        return staff.stream().filter(s -> s.supervisorId() != null && byId.containsKey(s.supervisorId()))
                .collect(Collectors.toMap(Function.identity(), s -> byId.get(s.supervisorId())));
    }

    private static Map<String, StaffMember> byId(Collection<StaffMember> staff) {
        return staff.stream().collect(Collectors.toMap(StaffMember::id, Function.identity()));
    }

    private static void requireStaff(Viewer viewer) {
        if (viewer.isEnrollee()) {
            throw DomainException.forbidden("This is for staff only.");
        }
    }

    private static void requireOverseer(Viewer viewer) {
        if (!viewer.role().overseesOrganization()) {
            throw DomainException.forbidden("Only supervisors and administrators see the whole organization.");
        }
    }
}

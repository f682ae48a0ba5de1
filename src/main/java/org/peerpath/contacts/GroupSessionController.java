package org.peerpath.contacts;

import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.contacts.GroupSessions.AddGroupAttendeeInput;
import org.peerpath.contacts.GroupSessions.LogGroupSessionInput;
import org.peerpath.contacts.GroupSessions.RemoveGroupAttendeeInput;
import org.peerpath.contacts.GroupSessions.SignGroupSessionInput;
import org.peerpath.contacts.GroupSessions.VoidGroupAttendeeInput;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.StaffMemberSummary;
import org.peerpath.security.Viewer;

/** The group session operations of graphql/groups.graphqls; the rules are in {@link GroupSessions}. */
@Controller
class GroupSessionController {

    private final GroupSessions sessions;
    private final PeopleDirectory people;

    GroupSessionController(GroupSessions sessions, PeopleDirectory people) {
        this.sessions = sessions;
        this.people = people;
    }

    record GroupSessionPayload(GroupSessionView session) {
    }

    @QueryMapping
    GroupSessionView groupSession(@AuthenticationPrincipal Viewer viewer, @Argument String id) {
        return sessions.session(viewer, id);
    }

    @MutationMapping
    GroupSessionPayload logGroupSession(@AuthenticationPrincipal Viewer viewer,
            @Argument LogGroupSessionInput input) {
        return new GroupSessionPayload(sessions.log(viewer, input));
    }

    @MutationMapping
    GroupSessionPayload signGroupSession(@AuthenticationPrincipal Viewer viewer,
            @Argument SignGroupSessionInput input) {
        return new GroupSessionPayload(sessions.sign(viewer, input));
    }

    @MutationMapping
    GroupSessionPayload addGroupAttendee(@AuthenticationPrincipal Viewer viewer,
            @Argument AddGroupAttendeeInput input) {
        return new GroupSessionPayload(sessions.addAttendee(viewer, input));
    }

    @MutationMapping
    GroupSessionPayload removeGroupAttendee(@AuthenticationPrincipal Viewer viewer,
            @Argument RemoveGroupAttendeeInput input) {
        return new GroupSessionPayload(sessions.removeAttendee(viewer, input));
    }

    @MutationMapping
    GroupSessionPayload voidGroupAttendee(@AuthenticationPrincipal Viewer viewer,
            @Argument VoidGroupAttendeeInput input) {
        return new GroupSessionPayload(sessions.voidAttendee(viewer, input));
    }

    /** One session per answer: one query for its facilitator. */
    @SchemaMapping(typeName = "GroupSession", field = "facilitator")
    StaffMemberSummary facilitator(GroupSessionView session, @AuthenticationPrincipal Viewer viewer) {
        return people.staffSummaries(viewer, List.of(session.facilitatorId())).get(session.facilitatorId());
    }
}

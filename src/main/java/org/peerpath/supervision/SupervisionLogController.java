package org.peerpath.supervision;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.graphql.Connection;
import org.peerpath.graphql.CountedConnection;
import org.peerpath.graphql.PageRequest;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.StaffMemberSummary;
import org.peerpath.security.Viewer;
import org.peerpath.supervision.SupervisionLog.Overdue;
import org.peerpath.supervision.SupervisionLog.RecordSupervisionSessionInput;
import org.peerpath.supervision.SupervisionLog.SetSupervisionFrequencyInput;

/**
 * The supervision log's operations (graphql/supervision-log.graphqls) and its two fields of the supervisor's
 * dashboard; the rules are in {@link SupervisionLog}. The staff a session names load in batches: two queries per
 * field for a whole page of sessions.
 */
@Controller
class SupervisionLogController {

    private final SupervisionLog log;
    private final PeopleDirectory people;

    SupervisionLogController(SupervisionLog log, PeopleDirectory people) {
        this.log = log;
        this.people = people;
    }

    record SupervisionSessionPayload(SupervisionSession session) {
    }

    record SupervisionFrequencyPayload(SupervisionFrequency supervisionFrequency) {
    }

    @QueryMapping
    SupervisionFrequency supervisionFrequency(@AuthenticationPrincipal Viewer viewer) {
        return log.frequency(viewer);
    }

    @QueryMapping
    Connection<SupervisionSession> mySupervisionSessions(@AuthenticationPrincipal Viewer viewer,
            @Argument Integer first, @Argument String after) {
        return log.mine(viewer, PageRequest.of(first, after, 20));
    }

    @QueryMapping
    Connection<SupervisionSession> supervisionSessions(@AuthenticationPrincipal Viewer viewer,
            @Argument String superviseeId, @Argument Integer first, @Argument String after) {
        return log.sessions(viewer, superviseeId, PageRequest.of(first, after, 20));
    }

    @MutationMapping
    SupervisionSessionPayload recordSupervisionSession(@AuthenticationPrincipal Viewer viewer,
            @Argument RecordSupervisionSessionInput input) {
        return new SupervisionSessionPayload(log.record(viewer, input));
    }

    @MutationMapping
    SupervisionFrequencyPayload setSupervisionFrequency(@AuthenticationPrincipal Viewer viewer,
            @Argument SetSupervisionFrequencyInput input) {
        return new SupervisionFrequencyPayload(log.setFrequency(viewer, input));
    }

    // ---- the supervisor's dashboard (its query checked the viewer oversees the organization) ----

    @SchemaMapping(typeName = "SupervisorDashboard", field = "supervisionOverduePage")
    CountedConnection<Overdue> supervisionOverduePage(@AuthenticationPrincipal Viewer viewer,
            @Argument Integer first, @Argument String after) {
        return log.overdue(viewer, people.organizationOf(viewer), PageRequest.of(first, after, 20));
    }

    // ---- the staff a session names, in batches ----
    // Whoever may see a session may see these summaries: name, role and current credentials only.

    @BatchMapping(typeName = "SupervisionSession", field = "supervisor")
    Map<SupervisionSession, StaffMemberSummary> supervisor(List<SupervisionSession> sessions, Principal principal) {
        Map<String, StaffMemberSummary> byId = people.staffSummaries(viewerOf(principal),
                sessions.stream().map(SupervisionSession::supervisorId).toList());
        Map<SupervisionSession, StaffMemberSummary> result = new HashMap<>();
        sessions.forEach(s -> {
            if (byId.containsKey(s.supervisorId())) {
                result.put(s, byId.get(s.supervisorId()));
            }
        });
        return result;
    }

    @BatchMapping(typeName = "SupervisionSession", field = "supervisees")
    Map<SupervisionSession, List<StaffMemberSummary>> supervisees(List<SupervisionSession> sessions,
            Principal principal) {
        Map<String, StaffMemberSummary> byId = people.staffSummaries(viewerOf(principal),
                sessions.stream().flatMap(s -> s.superviseeIds().stream()).toList());
        Map<SupervisionSession, List<StaffMemberSummary>> result = new HashMap<>();
        sessions.forEach(s -> result.put(s, s.superviseeIds().stream().map(byId::get).filter(Objects::nonNull)
                .toList()));
        return result;
    }

    private static Viewer viewerOf(Principal principal) {
        if (principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof Viewer viewer) {
            return viewer;
        }
        throw new IllegalStateException("No signed-in viewer for a supervision session's staff.");
    }
}

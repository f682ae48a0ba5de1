package org.peerpath.people;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.database.VersionedUpdate;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.InputProblems;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Supervisor assignments with effective dates (CMS FAQ A4; each pack's supervision rule asks who supervised the
 * coach on the date of service). Administrators only, within their organization; one versioned write.
 */
@Service
public class Supervision {

    private final MongoTemplate mongo;
    private final PeopleDirectory directory;
    private final Clock clock;

    Supervision(MongoTemplate mongo, PeopleDirectory directory, Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.clock = clock;
    }

    public record AssignSupervisorInput(String staffMemberId, String supervisorId, LocalDate effectiveFrom,
            long expectedVersion) {
    }

    public StaffMember assign(Viewer viewer, AssignSupervisorInput input) {
        if (viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only administrators record supervisors.");
        }
        new InputProblems().id(input.staffMemberId(), "staffMemberId").id(input.supervisorId(), "supervisorId")
                .check(input.effectiveFrom() == null, "'effectiveFrom' is required.")
                .check(input.supervisorId() != null && input.supervisorId().equals(input.staffMemberId()),
                        "A staff member cannot supervise themself.")
                .throwIfAny();
        StaffMember staff = directory.staffMember(viewer, input.staffMemberId());
        List<SupervisorAssignment> current = staff.supervisorAssignments();
        SupervisorAssignment wanted = new SupervisorAssignment(input.supervisorId(), input.effectiveFrom(), null);
        if (!current.isEmpty() && current.get(current.size() - 1).equals(wanted)) {
            return staff; // a retry of the assignment that already happened
        }
        StaffMember supervisor = directory.staffMember(viewer, input.supervisorId());
        InputProblems problems = new InputProblems();
        problems(current, supervisor, input.effectiveFrom()).forEach(problems::add);
        problems.throwIfAny();
        LocalDate today = LocalDate.ofInstant(clock.instant(), directory.organizationOf(viewer).zone());
        List<SupervisorAssignment> assignments = after(current, wanted);
        return VersionedUpdate.apply(mongo, StaffMember.class, Criteria.where("_id").is(staff.id())
                .and("organizationId").is(viewer.organizationId()), input.expectedVersion(),
                set(new Update(), assignments, today), "Staff member " + staff.id());
    }

    /** updateStaffMember's supervisorId: a change of supervisor from today, the past untouched. */
    static Update changedFromToday(Update update, StaffMember staff, String supervisorId, LocalDate today) {
        List<SupervisorAssignment> current = staff.supervisorAssignments();
        if (!current.isEmpty() && supervisorId.equals(current.get(current.size() - 1).supervisorId())) {
            return update;
        }
        LocalDate from = current.isEmpty() || current.get(current.size() - 1).from() == null
                || current.get(current.size() - 1).from().isBefore(today) ? today
                : current.get(current.size() - 1).from();
        return set(update, after(current, new SupervisorAssignment(supervisorId, from, null)), today);
    }

    private static List<String> problems(List<SupervisorAssignment> current, StaffMember supervisor,
            LocalDate effectiveFrom) {
        List<String> problems = new ArrayList<>();
        if (supervisor.role() != StaffRole.SUPERVISOR && supervisor.role() != StaffRole.ADMIN) {
            problems.add("Staff member " + supervisor.id() + " is not a supervisor.");
        }
        if (!current.isEmpty()) {
            SupervisorAssignment last = current.get(current.size() - 1);
            if (last.from() != null && effectiveFrom.isBefore(last.from())) {
                problems.add("'effectiveFrom' must not be before the current assignment began (" + last.from()
                        + "): the past is not rewritten.");
            }
        }
        return problems;
    }

    /** The assignments with {@code wanted} starting, the one in force until then ending the day before. */
    private static List<SupervisorAssignment> after(List<SupervisorAssignment> current, SupervisorAssignment wanted) {
        List<SupervisorAssignment> assignments = new ArrayList<>(current);
        if (!assignments.isEmpty()) {
            SupervisorAssignment last = assignments.remove(assignments.size() - 1);
            if (last.from() == null || last.from().isBefore(wanted.from())) {
                assignments.add(new SupervisorAssignment(last.supervisorId(), last.from(),
                        wanted.from().minusDays(1)));
            }
        }
        assignments.add(wanted);
        return assignments;
    }

    private static Update set(Update update, List<SupervisorAssignment> assignments, LocalDate today) {
        String inForce = assignments.stream().filter(a -> a.coversDay(today)).map(SupervisorAssignment::supervisorId)
                .reduce((first, later) -> later).orElse(null);
        return update.set("supervisorAssignments", assignments).set("supervisorId", inForce);
    }
}

package org.peerpath.people;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.database.VersionedUpdate;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.InputProblems;
import org.peerpath.security.Viewer;

/**
 * Enrollment episodes: discharging an enrollee and readmitting them as a new episode. Administrators and
 * supervisors of the enrollee's organization only. Each change is one versioned write of the whole enrollee
 * record (episodes and the status summary together), so nothing is half-written; a retry of a change that
 * already happened returns the record unchanged.
 */
@Service
public class Enrolments {

    private final MongoTemplate mongo;
    private final EnrolleeAccess access;
    private final PeopleDirectory directory;
    private final Clock clock;

    Enrolments(MongoTemplate mongo, EnrolleeAccess access, PeopleDirectory directory, Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.directory = directory;
        this.clock = clock;
    }

    public record DischargeEnrolleeInput(String enrolleeId, long expectedVersion, LocalDate dischargedOn,
            DischargeReason reason, String note) {
    }

    public record ReadmitEnrolleeInput(String enrolleeId, String episodeId, long expectedVersion,
            LocalDate referredOn, LocalDate enrolledOn) {
    }

    public Enrollee discharge(Viewer viewer, DischargeEnrolleeInput input) {
        requireOverseer(viewer, "discharge");
        InputProblems problems = new InputProblems().id(input.enrolleeId(), "enrolleeId")
                .check(input.dischargedOn() == null, "'dischargedOn' is required.")
                .check(input.reason() == null, "'reason' is required.")
                .check(input.note() != null && input.note().length() > 2000, "'note' must be at most 2000 characters.")
                .check(input.reason() == DischargeReason.OTHER && (input.note() == null || input.note().isBlank()),
                        "'note' is required when the reason is OTHER.");
        problems.throwIfAny();
        Enrollee enrollee = access.open(viewer, input.enrolleeId(), "dischargeEnrollee");
        EnrollmentEpisode current = enrollee.currentEpisode();
        String note = input.note() == null || input.note().isBlank() ? null : input.note().trim();
        if (input.dischargedOn().equals(current.dischargedOn()) && input.reason() == current.dischargeReason()
                && Objects.equals(note, current.dischargeNote())) {
            return enrollee; // a retry of the discharge that already happened
        }
        LocalDate today = today(viewer);
        problems.check(input.dischargedOn().isAfter(today), "'dischargedOn' must not be in the future (today is "
                + today + ").");
        problems.check(current.dischargedOn() != null, "The enrollee was already discharged on "
                + current.dischargedOn() + "; readmit them to start a new episode.");
        problems.check(current.startsOn() != null && input.dischargedOn().isBefore(current.startsOn()),
                "'dischargedOn' must not be before the episode began (" + (current.enrolledOn() != null
                        ? "enrolled on " + current.enrolledOn() : "referred on " + current.referredOn()) + ").");
        problems.throwIfAny();
        List<EnrollmentEpisode> episodes = new ArrayList<>(enrollee.episodes());
        episodes.set(episodes.size() - 1, current.discharge(input.dischargedOn(), input.reason(), note));
        return write(viewer, enrollee, input.expectedVersion(), episodes);
    }

    public Enrollee readmit(Viewer viewer, ReadmitEnrolleeInput input) {
        requireOverseer(viewer, "readmit");
        InputProblems problems = new InputProblems().id(input.enrolleeId(), "enrolleeId")
                .id(input.episodeId(), "episodeId")
                .check(input.referredOn() == null && input.enrolledOn() == null,
                        "Give 'referredOn', 'enrolledOn' or both.")
                .check(input.referredOn() != null && input.enrolledOn() != null
                        && input.enrolledOn().isBefore(input.referredOn()),
                        "'enrolledOn' must not be before 'referredOn'.");
        problems.throwIfAny();
        Enrollee enrollee = access.open(viewer, input.enrolleeId(), "readmitEnrollee");
        EnrollmentEpisode wanted = new EnrollmentEpisode(input.episodeId(), input.referredOn(), input.enrolledOn(),
                null, null, null);
        for (EnrollmentEpisode episode : enrollee.episodes()) {
            if (episode.id().equals(input.episodeId())) {
                if (Objects.equals(episode.referredOn(), wanted.referredOn())
                        && Objects.equals(episode.enrolledOn(), wanted.enrolledOn())) {
                    return enrollee; // a retry of the readmission that already happened
                }
                throw DomainException.conflict("The episode id " + input.episodeId()
                        + " is already used by a different episode.", Map.of("id", input.episodeId()));
            }
        }
        LocalDate today = today(viewer);
        EnrollmentEpisode current = enrollee.currentEpisode();
        problems.check(wanted.startsOn().isAfter(today) || input.enrolledOn() != null
                && input.enrolledOn().isAfter(today), "A readmission must not be dated in the future (today is "
                        + today + ").");
        if (!current.discharged()) {
            problems.add("The enrollee's current episode (" + describe(current)
                    + ") has not ended: discharge them before a readmission.");
        }
        else if (current.dischargedOn() == null) {
            problems.add("The previous episode's discharge date is not recorded: record it with dischargeEnrollee"
                    + " first.");
        }
        else if (!wanted.startsOn().isAfter(current.dischargedOn())) {
            problems.add("The readmission overlaps the previous episode, which ended on " + current.dischargedOn()
                    + ": it must begin after that day.");
        }
        problems.throwIfAny();
        List<EnrollmentEpisode> episodes = new ArrayList<>(enrollee.episodes());
        episodes.add(wanted);
        return write(viewer, enrollee, input.expectedVersion(), episodes);
    }

    /**
     * updateEnrollee's status and dates, applied to the current episode: enrolling a referral or correcting the
     * enrolment date. A discharge needs its reason (dischargeEnrollee), so it is refused here.
     *
     * @return the episodes after the change (unchanged when nothing was asked)
     */
    static List<EnrollmentEpisode> afterUpdate(Enrollee current, ProgramStatus status, LocalDate enrolledOn,
            LocalDate dischargedOn) {
        EnrollmentEpisode episode = current.currentEpisode();
        InputProblems problems = new InputProblems();
        if (dischargedOn != null && !dischargedOn.equals(episode.dischargedOn())
                || status == ProgramStatus.DISCHARGED && !episode.discharged()) {
            problems.add("Discharge with dischargeEnrollee, which records the date and the reason.");
        }
        if (status == ProgramStatus.REFERRED && episode.enrolledOn() != null) {
            problems.add("An enrolled person cannot go back to referred; discharge and readmit them instead.");
        }
        boolean enrol = enrolledOn != null && !enrolledOn.equals(episode.enrolledOn())
                || status == ProgramStatus.ENROLLED && episode.enrolledOn() == null;
        if (enrol) {
            LocalDate on = enrolledOn != null ? enrolledOn : episode.enrolledOn();
            problems.check(on == null, "'enrolledOn' is required for an enrolled person.");
            problems.check(episode.discharged(), "This episode has ended; readmit the enrollee to enroll them again.");
            problems.check(on != null && episode.referredOn() != null && on.isBefore(episode.referredOn()),
                    "'enrolledOn' must not be before the referral (" + episode.referredOn() + ").");
            List<EnrollmentEpisode> episodes = current.episodes();
            EnrollmentEpisode previous = episodes.size() > 1 ? episodes.get(episodes.size() - 2) : null;
            problems.check(on != null && previous != null && previous.dischargedOn() != null
                    && !on.isAfter(previous.dischargedOn()), "'enrolledOn' must be after the previous episode ended ("
                            + (previous == null ? null : previous.dischargedOn()) + ").");
            problems.throwIfAny();
            List<EnrollmentEpisode> changed = new ArrayList<>(episodes);
            changed.set(changed.size() - 1, episode.enrol(on));
            return changed;
        }
        problems.throwIfAny();
        return current.episodes();
    }

    /**
     * The fields that repeat the latest episode, set beside the episodes in one update. The stored status is
     * where the latest episode leads (discharged, else enrolled once it has an enrolment date, else referred),
     * so it does not go stale as days pass; the status shown is computed for today.
     */
    static Update summary(Update update, List<EnrollmentEpisode> episodes) {
        EnrollmentEpisode latest = episodes.get(episodes.size() - 1);
        ProgramStatus status = latest.discharged() ? ProgramStatus.DISCHARGED
                : latest.enrolledOn() != null ? ProgramStatus.ENROLLED : ProgramStatus.REFERRED;
        return update.set("episodes", episodes).set("status", status)
                .set("enrolledOn", latest.enrolledOn()).set("dischargedOn", latest.dischargedOn());
    }

    private Enrollee write(Viewer viewer, Enrollee enrollee, long expectedVersion, List<EnrollmentEpisode> episodes) {
        return VersionedUpdate.apply(mongo, Enrollee.class, Criteria.where("_id").is(enrollee.id())
                .and("organizationId").is(viewer.organizationId()), expectedVersion,
                summary(new Update(), episodes), "Enrollee " + enrollee.id());
    }

    /** Each enrollee's status today in their organization's zone, from the episode covering today. */
    Map<Enrollee, ProgramStatus> statusToday(List<Enrollee> enrollees) {
        Map<String, java.time.ZoneId> zones = new java.util.HashMap<>();
        mongo.find(org.springframework.data.mongodb.core.query.Query.query(Criteria.where("_id")
                .in(enrollees.stream().map(Enrollee::organizationId).distinct().toList())), Organization.class)
                .forEach(organization -> zones.put(organization.id(), organization.zone()));
        Map<Enrollee, ProgramStatus> statuses = new java.util.LinkedHashMap<>();
        for (Enrollee enrollee : enrollees) {
            java.time.ZoneId zone = zones.getOrDefault(enrollee.organizationId(), java.time.ZoneOffset.UTC);
            statuses.put(enrollee, enrollee.statusAt(LocalDate.ofInstant(clock.instant(), zone)));
        }
        return statuses;
    }

    private LocalDate today(Viewer viewer) {
        return LocalDate.ofInstant(clock.instant(), directory.organizationOf(viewer).zone());
    }

    private static String describe(EnrollmentEpisode episode) {
        return episode.enrolledOn() != null ? "enrolled on " + episode.enrolledOn()
                : "referred" + (episode.referredOn() == null ? "" : " on " + episode.referredOn());
    }

    private static void requireOverseer(Viewer viewer, String what) {
        if (!viewer.role().overseesOrganization()) {
            throw DomainException.forbidden("Only administrators and supervisors " + what + " enrollees.");
        }
    }
}

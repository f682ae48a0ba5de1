package org.peerpath.contacts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.database.IdPages;
import org.peerpath.database.JobLocks;
import org.peerpath.graphql.DomainException;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Rebuilds the enrollees' activity summaries ({@link EnrolleeActivity}) from their contacts (issue 16): a contact
 * change cut short between the contact write and the summary update (a crash) leaves a summary behind its
 * contacts, and this brings it back. Like {@link LedgerReconciliation}: at start-up and on its schedule
 * ({@link ReconciliationSchedule}, one instance at a time under a {@link JobLocks} lock) for every organization,
 * and on an administrator's request ({@code rebuildActivitySummaries}) for theirs; each summary it changes is one
 * audit event ({@value #OPERATION}, what changed in {@code detail}) on the enrollee's trail. Every write is a
 * compare-and-set on the summary's stamp, so a live change racing the rebuild is never overwritten; no grace
 * period is needed.
 */
@Service
public class ActivitySummaryRepair {

    static final String JOB = "contacts.activity-rebuild";
    static final String OPERATION = "rebuildActivitySummaries";
    private static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(ActivitySummaryRepair.class);

    private final PeopleDirectory directory;
    private final EnrolleeActivity activity;
    private final AuditTrail trail;
    private final JobLocks locks;

    ActivitySummaryRepair(PeopleDirectory directory, EnrolleeActivity activity, AuditTrail trail, JobLocks locks) {
        this.directory = directory;
        this.activity = activity;
        this.trail = trail;
        this.locks = locks;
    }

    /** What one rebuild checked and changed. */
    record Report(int enrolleesChecked, List<Rebuilt> rebuilt) {
    }

    /** One summary the rebuild changed: its enrollee, what it says now, and the audit event's words. */
    record Rebuilt(String enrolleeId, java.time.LocalDate lastContactOn, java.time.LocalDate lastFaceToFaceOn,
            String detail) {
    }

    /** An administrator's request: the summaries of their organization, now. */
    Report rebuild(Viewer viewer) {
        if (viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only administrators rebuild the activity summaries.");
        }
        return rebuildOrganization(viewer, viewer.organizationId(), IdPages.SIZE);
    }

    /**
     * Every organization's summaries, if this instance takes the lock (another instance running it already does
     * the same work); the summaries changed, or empty when it did not run.
     */
    public List<Rebuilt> rebuildEverywhere() {
        return locks.callExclusively(JOB, LOCK_AT_MOST_FOR, () -> {
            List<Rebuilt> rebuilt = new ArrayList<>();
            int checked = 0;
            for (String organizationId : directory.organizationIds()) {
                Report report = rebuildOrganization(null, organizationId, IdPages.SIZE);
                checked += report.enrolleesChecked();
                rebuilt.addAll(report.rebuilt());
            }
            if (rebuilt.isEmpty()) {
                LOG.info("Activity summaries: {} enrollee(s) checked, every summary agrees with its contacts",
                        checked);
            }
            else {
                LOG.warn("Activity summaries: {} enrollee(s) checked, {} rebuilt, each in the enrollee's audit trail"
                        + " (operation {})", checked, rebuilt.size(), OPERATION);
            }
            return List.copyOf(rebuilt);
        }).orElse(List.of());
    }

    Report rebuildOrganization(Viewer viewer, String organizationId, int pageSize) {
        EnrolleeActivity.Rebuild rebuild = activity.rebuild(organizationId, pageSize);
        List<Rebuilt> rebuilt = new ArrayList<>();
        for (EnrolleeActivity.Rebuilt one : rebuild.rebuilt()) {
            trail.changed(viewer, organizationId, OPERATION, one.enrolleeId(), one.detail());
            rebuilt.add(new Rebuilt(one.enrolleeId(), one.now().lastContactOn(), one.now().lastFaceToFaceOn(),
                    one.detail()));
        }
        return new Report(rebuild.enrolleesChecked(), List.copyOf(rebuilt));
    }
}

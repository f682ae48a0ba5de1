package org.peerpath.contacts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.contacts.Contact.HistoryEntry;
import org.peerpath.contacts.Contact.Status;
import org.peerpath.database.IdPages;
import org.peerpath.database.JobLocks;
import org.peerpath.graphql.DomainException;
import org.peerpath.people.Authorization;
import org.peerpath.people.Enrollee;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Brings every unit ledger back in line with the contacts after a crash between their two writes (issue 18,
 * item 1): at start-up and hourly ({@link ReconciliationSchedule}, one instance at a time under a
 * {@link JobLocks} lock) for every organization, and on an administrator's request ({@code reconcileLedgers})
 * for theirs. What to repair is decided by {@link LedgerDrift} (pure) inside the ledger's compare-and-set, so a
 * signing racing the repair is never overwritten; each repair is one audit event ({@code reconcileLedgers}, with
 * what it did in {@code detail}) on the enrollee's trail.
 */
@Service
public class LedgerReconciliation {

    static final String JOB = "contacts.ledger-reconciliation";
    static final String OPERATION = "reconcileLedgers";
    private static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(LedgerReconciliation.class);

    private final MongoTemplate mongo;
    private final UnitLedgers ledgers;
    private final CoachLedgers coachLedgers;
    private final PeopleDirectory directory;
    private final AuditTrail trail;
    private final JobLocks locks;
    private final Clock clock;
    private final ReconciliationSettings settings;

    LedgerReconciliation(MongoTemplate mongo, UnitLedgers ledgers, CoachLedgers coachLedgers,
            PeopleDirectory directory, AuditTrail trail, JobLocks locks, Clock clock,
            ReconciliationSettings settings) {
        this.mongo = mongo;
        this.ledgers = ledgers;
        this.coachLedgers = coachLedgers;
        this.directory = directory;
        this.trail = trail;
        this.locks = locks;
        this.clock = clock;
        this.settings = settings;
    }

    /** What one run checked and repaired. */
    record Report(int enrolleesChecked, List<Repaired> repairs) {
    }

    /** One repair of one enrollee's ledger. */
    record Repaired(String enrolleeId, String contactId, LedgerDrift.Kind kind, int units, String detail) {
    }

    /** An administrator's request: the ledgers of their organization, now. */
    Report reconcile(Viewer viewer) {
        if (viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only administrators reconcile the unit ledgers.");
        }
        return reconcileOrganization(viewer, viewer.organizationId());
    }

    /**
     * Every organization's ledgers, if this instance takes the lock (another instance running it already does the
     * same work); the repairs made, or empty when it did not run.
     */
    public List<Repaired> reconcileEverywhere() {
        return locks.callExclusively(JOB, LOCK_AT_MOST_FOR, () -> {
            List<Repaired> repairs = new ArrayList<>();
            int checked = 0;
            for (String organizationId : directory.organizationIds()) {
                Report report = reconcileOrganization(null, organizationId);
                checked += report.enrolleesChecked();
                repairs.addAll(report.repairs());
            }
            if (repairs.isEmpty()) {
                LOG.info("Ledger reconciliation: {} enrollee(s) checked, every ledger agrees with its contacts",
                        checked);
            }
            else {
                LOG.warn("Ledger reconciliation: {} enrollee(s) checked, {} repair(s), each in the enrollee's audit"
                        + " trail (operation {})", checked, repairs.size(), OPERATION);
            }
            return List.copyOf(repairs);
        }).orElse(List.of());
    }

    /**
     * Walks the organization's enrollees in pages (issue 16/19: a start-up after a crash must not take one query per
     * enrollee; at 10,000 enrollees on the embedded default that kept the restart waiting for hours). Each page is
     * three reads (ledgers, the contacts they name or that consume units, authorizations) judged in memory; only an
     * enrollee whose ledger disagrees is repaired, through the ledger's compare-and-set, which reads and judges again.
     */
    private Report reconcileOrganization(Viewer viewer, String organizationId) {
        Instant now = clock.instant();
        List<Repaired> repairs = new ArrayList<>();
        int[] checked = {0};
        IdPages.forEach(mongo, Criteria.where("organizationId").is(organizationId), Enrollee.class, Enrollee::id,
                IdPages.SIZE, Enrollee.ENROLMENT_FIELDS, page -> {
                    List<String> ids = page.stream().map(Enrollee::id).toList();
                    Map<String, UnitLedger> ledgersById = new HashMap<>();
                    mongo.find(Query.query(Criteria.where("_id").in(ids)), UnitLedger.class)
                            .forEach(ledger -> ledgersById.put(ledger.enrolleeId(), ledger));
                    List<String> named = ledgersById.values().stream().flatMap(l -> l.entries().stream())
                            .map(UnitLedger.Entry::contactId).toList();
                    Map<String, List<Contact>> contactsOf = new HashMap<>();
                    mongo.find(Query.query(Criteria.where("enrolleeId").in(ids).orOperator(
                            Criteria.where("_id").in(named),
                            Criteria.where("status").is(Status.SIGNED).and("billing.billable").is(true))),
                            Contact.class)
                            .forEach(c -> contactsOf.computeIfAbsent(c.enrolleeId(), k -> new ArrayList<>()).add(c));
                    Map<String, Map<String, Integer>> authorizedOf = new HashMap<>();
                    for (Authorization authorization : directory.authorizationsOf(ids)) {
                        authorizedOf.computeIfAbsent(authorization.enrolleeId(), k -> new HashMap<>())
                                .put(authorization.id(), authorization.unitsAuthorized());
                    }
                    for (String enrolleeId : ids) {
                        UnitLedger ledger = ledgersById.get(enrolleeId);
                        List<UnitLedger.Entry> entries = ledger == null ? List.of() : ledger.entries();
                        List<Contact> contacts = contactsOf.getOrDefault(enrolleeId, List.of());
                        if (entries.isEmpty() && contacts.isEmpty()) {
                            continue; // nothing reserved and nothing that should be
                        }
                        checked[0]++;
                        LedgerDrift.Plan plan = LedgerDrift.reconcile(entries, contacts,
                                authorizedOf.getOrDefault(enrolleeId, Map.of()), now, settings.grace());
                        if (!plan.repairs().isEmpty() || !plan.entries().equals(entries)) {
                            repairs.addAll(reconcileEnrollee(viewer, organizationId, enrolleeId));
                        }
                    }
                });
        return new Report(checked[0], List.copyOf(repairs));
    }

    private List<Repaired> reconcileEnrollee(Viewer viewer, String organizationId, String enrolleeId) {
        Map<String, Integer> unitsAuthorized = new HashMap<>();
        for (Authorization authorization : directory.authorizationsOf(enrolleeId)) {
            unitsAuthorized.put(authorization.id(), authorization.unitsAuthorized());
        }
        Instant now = clock.instant();
        LedgerDrift.Plan plan = ledgers.change(enrolleeId, ledger -> {
            List<String> named = ledger.entries().stream().map(UnitLedger.Entry::contactId).toList();
            List<Contact> contacts = mongo.find(Query.query(Criteria.where("enrolleeId").is(enrolleeId)
                    .orOperator(Criteria.where("_id").in(named),
                            Criteria.where("status").is(Status.SIGNED).and("billing.billable").is(true))),
                    Contact.class);
            LedgerDrift.Plan decided = LedgerDrift.reconcile(ledger.entries(), contacts, unitsAuthorized, now,
                    settings.grace());
            return new UnitLedgers.Decision<>(decided.entries(), decided);
        });
        List<Repaired> repairs = new ArrayList<>();
        for (LedgerDrift.Repair repair : plan.repairs()) {
            if (repair.kind() == LedgerDrift.Kind.UNITS_NOT_RESERVED && !markNotReserved(viewer, repair, now)) {
                continue; // the contact changed meanwhile: the next run judges it again
            }
            if (repair.kind() == LedgerDrift.Kind.RELEASED) {
                // The same interrupted signing or void left the contact's time on its coach's ledger too.
                Contact contact = mongo.findById(repair.contactId(), Contact.class);
                if (contact != null && contact.status() != Status.SIGNED) {
                    coachLedgers.release(contact);
                }
            }
            trail.changed(viewer, organizationId, OPERATION, enrolleeId, repair.detail());
            repairs.add(new Repaired(enrolleeId, repair.contactId(), repair.kind(), repair.units(), repair.detail()));
        }
        return repairs;
    }

    /**
     * A signed contact whose units could not be reserved again stops being billable, with the finding that says
     * why; only if it is still as judged (signed, billable, unchanged since the grace period).
     */
    private boolean markNotReserved(Viewer viewer, LedgerDrift.Repair repair, Instant now) {
        Contact contact = mongo.findById(repair.contactId(), Contact.class);
        if (contact == null || !LedgerDrift.consumesUnits(contact)) {
            return false;
        }
        BillingOutcome billing = contact.billing();
        List<BillingOutcome.Finding> findings = new ArrayList<>(billing.findings());
        findings.add(new BillingOutcome.Finding(LedgerDrift.UNITS_NOT_RESERVED, repair.detail(), "BLOCKING",
                "PeerPath README, Reliability (issue 18, item 1)"));
        BillingOutcome notBillable = new BillingOutcome(false, billing.procedureCode(), billing.modifiers(),
                billing.units(), billing.minutes(), billing.fundingSource(), billing.authorizationId(),
                billing.dateOfService(), findings, billing.rulePack(), billing.unitRounding());
        Update update = new Update().set("billing", notBillable)
                .push("history", new HistoryEntry(now, viewer == null ? AuditTrail.SERVICE_ACTOR : viewer.personId(),
                        "RECONCILED", repair.detail()))
                .inc("version", 1);
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(contact.id()).and("version")
                .is(contact.version()).and("status").is(Status.SIGNED)), update,
                FindAndModifyOptions.options().returnNew(true), Contact.class) != null;
    }
}

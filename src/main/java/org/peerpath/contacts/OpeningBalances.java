package org.peerpath.contacts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.billing.RollingWindow;
import org.peerpath.contacts.OpeningBalance.RecordOpeningBalanceInput;
import org.peerpath.database.CreateOnce;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.InputProblems;
import org.peerpath.people.Authorization;
import org.peerpath.people.Enrollee;
import org.peerpath.people.EnrolleeAccess;
import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.RulePack;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Opening balances (issue 10, item 3): units a client used before a date, entered by an administrator when an
 * agency takes a client mid-year. The units go onto the enrollee's unit ledger in the same compare-and-set step
 * that checks them against the limit, so a balance and a signing racing for the last units can never together
 * exceed it; the ledger then counts them exactly like signed units (authorizations, Indiana's rolling window).
 */
@Service
public class OpeningBalances {

    static final int MAX_UNITS = 10_000;

    private final MongoTemplate mongo;
    private final EnrolleeAccess access;
    private final PeopleDirectory directory;
    private final ContactBilling billing;
    private final UnitLedgers ledgers;
    private final AuditTrail trail;
    private final Clock clock;

    OpeningBalances(MongoTemplate mongo, EnrolleeAccess access, PeopleDirectory directory, ContactBilling billing,
            UnitLedgers ledgers, AuditTrail trail, Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.directory = directory;
        this.billing = billing;
        this.ledgers = ledgers;
        this.trail = trail;
        this.clock = clock;
    }

    /** A recorded balance and the enrollee's usage with it. */
    record Recorded(OpeningBalance openingBalance, UnitUsage usage) {
    }

    /**
     * Records the balance, idempotent on {@code input.id}: a retry returns the first result (and completes it, if
     * the first attempt stopped between the ledger and the record); the id with other content is a CONFLICT.
     * Every problem is reported at once and nothing is written when there is one.
     */
    Recorded record(Viewer viewer, RecordOpeningBalanceInput input) {
        if (viewer.role() != Role.ADMIN) {
            trail.denied(viewer, "recordOpeningBalance", input.enrolleeId());
            throw DomainException.forbidden("Only administrators enter opening balances.");
        }
        Organization organization = directory.organizationOf(viewer);
        LocalDate today = LocalDate.now(clock.withZone(organization.zone()));
        InputProblems problems = new InputProblems().id(input.id(), "id").id(input.enrolleeId(), "enrolleeId")
                .text(input.source(), "source", 200)
                .check(input.units() == null || input.units() < 1 || input.units() > MAX_UNITS,
                        "'units' must be between 1 and " + MAX_UNITS + ".")
                .check(input.usedBefore() == null, "'usedBefore' is required.")
                .check(input.usedBefore() != null && input.usedBefore().isAfter(today),
                        "'usedBefore' must not be after today (" + today + "): only units already used count.");
        if (input.authorizationId() != null) {
            problems.id(input.authorizationId(), "authorizationId");
        }
        if (input.note() != null) {
            problems.check(input.note().length() > 2000, "'note' must be at most 2000 characters.");
        }
        Enrollee enrollee = access.open(viewer, input.enrolleeId(), "recordOpeningBalance");
        if (input.units() != null && input.usedBefore() != null) {
            checkAgainstLimit(input, organization, today, problems);
        }
        problems.throwIfAny();
        OpeningBalance balance = new OpeningBalance(input.id(), organization.id(), enrollee.id(),
                input.authorizationId(), input.usedBefore(), input.units(), input.source().trim(),
                input.note() == null || input.note().isBlank() ? null : input.note().trim(), viewer.personId(),
                clock.instant(), CreateOnce.digest(viewer.personId(), input));
        OpeningBalance existing = mongo.findById(balance.id(), OpeningBalance.class);
        CreateOnce.requireRetryOf(existing, balance, balance.id(), OpeningBalance::creationDigest);
        // The ledger first, in one compare-and-set with the check against the units left: a balance is either
        // counted whole or refused, never stored without its units.
        List<String> refused = ledgers.change(enrollee.id(), ledger -> {
            if (ledger.entries().stream().anyMatch(e -> e.contactId().equals(balance.ledgerKey()))) {
                return new UnitLedgers.Decision<>(ledger.entries(), List.of()); // a retry: already counted
            }
            List<String> over = overLimit(ledger, balance, organization);
            if (!over.isEmpty()) {
                return new UnitLedgers.Decision<>(ledger.entries(), over);
            }
            List<UnitLedger.Entry> entries = new ArrayList<>(ledger.entries());
            entries.add(balance.ledgerEntry());
            return new UnitLedgers.Decision<>(entries, List.of());
        });
        InputProblems limit = new InputProblems();
        refused.forEach(limit::add);
        limit.throwIfAny();
        OpeningBalance stored;
        try {
            stored = existing != null ? existing : mongo.insert(balance);
        }
        catch (DuplicateKeyException raced) {
            stored = mongo.findById(balance.id(), OpeningBalance.class);
            if (!stored.creationDigest().equals(balance.creationDigest())) {
                // Someone else took the id with other content meanwhile: take back the units just counted.
                ledgers.change(enrollee.id(), ledger -> new UnitLedgers.Decision<>(
                        ledger.without(balance.ledgerKey()), null));
                CreateOnce.requireRetryOf(stored, balance, balance.id(), OpeningBalance::creationDigest);
            }
        }
        return new Recorded(stored, billing.usage(enrollee, organization, ledgers.read(enrollee.id()), today));
    }

    /** What the balance itself gets wrong, before the ledger is read: its authorization and its size. */
    private void checkAgainstLimit(RecordOpeningBalanceInput balance, Organization organization, LocalDate today,
            InputProblems problems) {
        LocalDate countedOn = balance.usedBefore().minusDays(1);
        if (balance.authorizationId() == null) {
            // Only Indiana has a limit counted over a rolling 12 months (Indiana guide, Coding Requirements,
            // seeds/002); elsewhere units are limited by authorizations only. The pack in force today decides: the
            // balance is entered for the limits the agency bills under now.
            problems.check(organization.rulePackOn(today) != RulePack.IN,
                    "Name the authorization the units were used against: only Indiana counts units in a rolling"
                            + " 12-month window.");
            problems.check(balance.units() > ContactBilling.INDIANA_ANNUAL_UNITS, "An opening balance of "
                    + balance.units() + " units is larger than Indiana's " + ContactBilling.INDIANA_ANNUAL_UNITS
                    + "-unit rolling allowance.");
        }
        else {
            Authorization authorization = directory.authorizationsOf(balance.enrolleeId()).stream()
                    .filter(a -> a.id().equals(balance.authorizationId())).findFirst().orElse(null);
            if (authorization == null) {
                problems.add("Authorization " + balance.authorizationId() + " is not one of this enrollee's.");
            }
            else if (authorization.unitsAuthorized() == null) {
                problems.add("Authorization " + authorization.id() + " states no units (coverage only): there is"
                        + " nothing to count an opening balance against.");
            }
            else {
                problems.check(balance.units() > authorization.unitsAuthorized(), "An opening balance of "
                        + balance.units() + " units is larger than authorization " + authorization.id() + " ("
                        + authorization.unitsAuthorized() + " units).");
                problems.check(!authorization.covers(countedOn), "Units used before "
                        + balance.usedBefore() + " cannot count against authorization " + authorization.id()
                        + ", valid " + authorization.validFrom() + " to " + authorization.validTo()
                        + ": 'usedBefore' must be after its first day and at most the day after its last.");
            }
        }
    }

    /** Whether the ledger, as read, still has room for the balance; the problems if not. */
    private List<String> overLimit(UnitLedger ledger, OpeningBalance balance, Organization organization) {
        if (balance.authorizationId() != null) {
            Authorization authorization = directory.authorizationsOf(balance.enrolleeId()).stream()
                    .filter(a -> a.id().equals(balance.authorizationId())).findFirst().orElseThrow();
            int used = ledger.usedOn(authorization.id(), null);
            return used + balance.units() > authorization.unitsAuthorized()
                    ? List.of("Authorization " + authorization.id() + " has only "
                            + Math.max(0, authorization.unitsAuthorized() - used) + " of its "
                            + authorization.unitsAuthorized() + " units left; the opening balance needs "
                            + balance.units() + ".")
                    : List.of();
        }
        // Every rolling window holding the balance's day must keep room: the one ending that day and those ending
        // on the later days units were already counted on.
        RollingWindow.Busiest busiest = RollingWindow.busiestContaining(balance.countedOn(),
                ledger.unitsByDayWithoutAuthorization(null));
        RollingWindow window = busiest.window();
        int used = busiest.units();
        return used + balance.units() > ContactBilling.INDIANA_ANNUAL_UNITS
                ? List.of("Only " + Math.max(0, ContactBilling.INDIANA_ANNUAL_UNITS - used) + " of the "
                        + ContactBilling.INDIANA_ANNUAL_UNITS + " units of the rolling window " + window.first()
                        + " to " + window.last() + " are left; the opening balance needs " + balance.units() + ".")
                : List.of();
    }
}

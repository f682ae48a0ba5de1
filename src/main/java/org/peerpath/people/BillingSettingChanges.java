package org.peerpath.people;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.database.VersionedUpdate;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.InputProblems;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Changes of an organization's billing settings (issue 10, item 3): its rule pack and its unit rounding, each
 * from an effective date on. Administrators only, their own organization, audited; one versioned write that
 * appends to the settings' histories, so who chose what from when stays on record.
 *
 * <p>Signed contacts keep the evaluation they were signed with and are never re-evaluated, so a change that
 * would put a day already billed under other settings (a closed period) is refused: billed history is not
 * rewritten. Without transactions the check runs before the write and again after it; a contact signed in
 * between makes the change withdraw itself and refuse. (A signing that read the settings before the write and
 * stores its evaluation after the second check keeps the settings it was signed under; its amendments use them
 * too, so no evaluation ever changes underneath a contact.)
 */
@Service
public class BillingSettingChanges {

    static final String OPERATION = "changeBillingSettings";

    private final MongoTemplate mongo;
    private final PeopleDirectory directory;
    private final BilledServices billed;
    private final AuditTrail trail;
    private final Clock clock;

    BillingSettingChanges(MongoTemplate mongo, PeopleDirectory directory, BilledServices billed, AuditTrail trail,
            Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.billed = billed;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * The input of {@code changeBillingSettings}.
     *
     * @param expectedVersion the organization's version the administrator saw
     * @param effectiveFrom first day of service (organization's zone) the new values apply to
     * @param rulePack the pack from that day, null: unchanged
     * @param unitRounding the rounding from that day, null: unchanged
     */
    public record ChangeBillingSettingsInput(long expectedVersion, LocalDate effectiveFrom, RulePack rulePack,
            UnitRoundingChoice unitRounding) {
    }

    public Organization change(Viewer viewer, ChangeBillingSettingsInput input) {
        if (viewer.role() != Role.ADMIN) {
            trail.denied(viewer, OPERATION, viewer.organizationId());
            throw DomainException.forbidden("Only administrators change the organization's billing settings.");
        }
        new InputProblems().check(input.effectiveFrom() == null, "'effectiveFrom' is required.")
                .check(input.rulePack() == null && input.unitRounding() == null,
                        "Give 'rulePack', 'unitRounding' or both.")
                .throwIfAny();
        Organization current = directory.organizationOf(viewer);
        LocalDate from = input.effectiveFrom();
        Instant now = clock.instant();
        // A value already in force on that day changes nothing from it on (later dated values still follow):
        // a retry, or a change to what is already so, writes nothing.
        RulePackChange packChange = input.rulePack() == null || input.rulePack() == current.rulePackOn(from) ? null
                : new RulePackChange(from, input.rulePack(), viewer.personId(), now);
        UnitRoundingChange roundingChange = input.unitRounding() == null
                || input.unitRounding() == current.unitRoundingOn(from) ? null
                : new UnitRoundingChange(from, input.unitRounding(), viewer.personId(), now);
        if (packChange == null && roundingChange == null) {
            return current;
        }
        InputProblems problems = new InputProblems();
        closedPeriod(current.withBillingChanges(packChange, roundingChange), from).ifPresent(problems::add);
        problems.throwIfAny();

        Update append = new Update();
        Update withdraw = new Update();
        if (packChange != null) {
            append.push("rulePackChanges", packChange);
            withdraw.pull("rulePackChanges", packChange);
        }
        if (roundingChange != null) {
            append.push("unitRoundingChanges", roundingChange);
            withdraw.pull("unitRoundingChanges", roundingChange);
        }
        Organization updated = VersionedUpdate.apply(mongo, Organization.class,
                Criteria.where("_id").is(current.id()), input.expectedVersion(), append, "Organization " + current.id());
        Optional<String> raced = closedPeriod(updated, from);
        if (raced.isPresent()) {
            // A contact was signed under the old settings while this change was checked and written: withdraw it.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(current.id())), withdraw.inc("version", 1),
                    Organization.class);
            new InputProblems().add(raced.get()).throwIfAny();
        }
        trail.allowed(viewer, OPERATION, current.id());
        return updated;
    }

    /** Why a change from {@code from} would rewrite billed history, when {@code organization} is as changed. */
    private Optional<String> closedPeriod(Organization organization, LocalDate from) {
        List<BilledServices.Billed> rewritten = billed.billedOtherwise(organization, from,
                organization::billingSettingsOn);
        if (rewritten.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = rewritten.get(0).dateOfService();
        LocalDate last = rewritten.get(rewritten.size() - 1).dateOfService();
        String under = rewritten.stream().map(b -> "rule pack " + b.rulePack() + " with " + b.unitRounding()
                + " rounding").distinct().collect(Collectors.joining("; "));
        return Optional.of("'effectiveFrom' " + from + " is in a closed period: " + rewritten.size()
                + (rewritten.size() == 1 ? " signed contact" : " signed contacts") + " dated "
                + (first.equals(last) ? first : first + " to " + last) + " " + (rewritten.size() == 1 ? "was" : "were")
                + " billed under " + under + ", and signed contacts are never re-evaluated. Choose an effective date"
                + " after " + last + ".");
    }
}

package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.peerpath.billing.RollingWindow;
import org.peerpath.contacts.Contact.Status;

/**
 * Where an enrollee's unit ledger and their contacts disagree, and the repair, in the safe direction: pure, no
 * Spring. Signing writes the ledger, then the contact; voiding writes the contact, then the ledger; a crash in
 * between leaves the two apart (issue 18, item 1). The contacts are the record; the ledger follows them:
 * <ul>
 * <li>an entry for a contact that is not signed and billable (a signing that never wrote its contact, a void that
 * never released) is released ({@link Kind#RELEASED});
 * <li>an entry that differs from what its signed contact says (an amendment reserved but never written) is
 * replaced by what the contact says ({@link Kind#CORRECTED});
 * <li>a signed, billable contact without its entry is charged ({@link Kind#CHARGED}) if its units still fit its
 * authorization and Indiana's rolling windows, judged against the ledger as repaired; if not, it must stop being
 * billable ({@link Kind#UNITS_NOT_RESERVED}): never bill units no ledger holds.
 * </ul>
 * A change younger than the grace period may still be in flight (its second write not yet done) and is left
 * alone: an entry reserved, or a contact changed, less than {@code grace} before {@code now}.
 */
final class LedgerDrift {

    /** The finding a contact gets when its units could not be reserved again. */
    static final String UNITS_NOT_RESERVED = "UNITS_NOT_RESERVED";

    private LedgerDrift() {
    }

    /** What a repair did. */
    enum Kind {
        /** An entry for a contact not signed and billable was removed. */
        RELEASED,
        /** A signed, billable contact's missing entry was added. */
        CHARGED,
        /** An entry was replaced by what its signed contact says. */
        CORRECTED,
        /** A signed contact's units no longer fit: it must be marked not billable. */
        UNITS_NOT_RESERVED
    }

    /** One repair: which contact, how many units, and in words. */
    record Repair(Kind kind, String contactId, int units, String detail) {
    }

    /** The ledger's entries after the repairs, and the repairs (none: the ledger agrees with the contacts). */
    record Plan(List<UnitLedger.Entry> entries, List<Repair> repairs) {
    }

    /** The entry that reserves {@code outcome}'s units for {@code contact} at {@code contactVersion}. */
    static UnitLedger.Entry entryFor(Contact contact, BillingOutcome outcome, long contactVersion, Instant at) {
        return new UnitLedger.Entry(contact.id(), contact.dateOfService(), outcome.units(),
                outcome.authorizationId(), contact.coachId(), contact.setting(), contact.start(), contact.end(),
                contactVersion, at);
    }

    /**
     * Reconciles {@code entries} with {@code contacts}: every contact an entry names and every signed, billable
     * contact of the enrollee. {@code unitsAuthorized} maps each of the enrollee's authorizations to its units
     * (a null value: coverage without a limit); an authorization not in it takes no units.
     */
    static Plan reconcile(List<UnitLedger.Entry> entries, Collection<Contact> contacts,
            Map<String, Integer> unitsAuthorized, Instant now, Duration grace) {
        Map<String, Contact> byId = new LinkedHashMap<>();
        contacts.forEach(c -> byId.put(c.id(), c));
        Instant settled = now.minus(grace);
        List<UnitLedger.Entry> kept = new ArrayList<>();
        List<Repair> repairs = new ArrayList<>();
        Set<String> reserved = new HashSet<>();
        Set<String> corrected = new HashSet<>();
        for (UnitLedger.Entry entry : entries) {
            Contact contact = byId.get(entry.contactId());
            if (entry.contactId().startsWith(OpeningBalance.ledgerKey(""))
                    || entry.reservedAt() != null && entry.reservedAt().isAfter(settled)
                    || contact != null && recentlyChanged(contact, settled)) {
                kept.add(entry); // an opening balance, or a change that may still be in flight
                reserved.add(entry.contactId());
            }
            else if (!consumesUnits(contact)) {
                repairs.add(new Repair(Kind.RELEASED, entry.contactId(), entry.units(), "Released " + entry.units()
                        + " unit(s) reserved for contact " + entry.contactId() + ", which is "
                        + (contact == null ? "not on record" : contact.status().name().toLowerCase()
                                + (contact.status() == Status.SIGNED ? " and not billable" : ""))
                        + "."));
            }
            else if (agrees(entry, contact)) {
                kept.add(entry);
                reserved.add(entry.contactId());
            }
            else {
                corrected.add(entry.contactId()); // charged again below, as the contact says
            }
        }
        List<Contact> missing = byId.values().stream()
                .filter(c -> consumesUnits(c) && !reserved.contains(c.id()) && !recentlyChanged(c, settled))
                .sorted(Comparator.comparing(Contact::dateOfService).thenComparing(Contact::id)).toList();
        for (Contact contact : missing) {
            BillingOutcome billing = contact.billing();
            UnitLedger.Entry entry = entryFor(contact, billing, contact.version(), now);
            boolean correction = corrected.contains(contact.id());
            String problem = problem(kept, entry, unitsAuthorized, billing);
            if (problem == null) {
                kept.add(entry);
                repairs.add(new Repair(correction ? Kind.CORRECTED : Kind.CHARGED, contact.id(), billing.units(),
                        (correction ? "Reserved again as signed contact " + contact.id() + " says: "
                                : "Reserved for signed contact " + contact.id() + ", whose reservation was missing: ")
                                + billing.units() + " unit(s) on " + contact.dateOfService()
                                + (billing.authorizationId() == null ? ""
                                        : " against authorization " + billing.authorizationId()) + "."));
            }
            else {
                repairs.add(new Repair(Kind.UNITS_NOT_RESERVED, contact.id(), billing.units(), "The "
                        + billing.units() + " unit(s) of signed contact " + contact.id() + " on "
                        + contact.dateOfService() + " were not reserved and no longer fit: " + problem
                        + " It is marked not billable."));
            }
        }
        return new Plan(List.copyOf(kept), List.copyOf(repairs));
    }

    /** Whether the contact holds units on the ledger: signed and billable (a pending review keeps them reserved). */
    static boolean consumesUnits(Contact contact) {
        return contact != null && contact.status() == Status.SIGNED && contact.billing() != null
                && contact.billing().consumesUnits();
    }

    private static boolean recentlyChanged(Contact contact, Instant settled) {
        return !contact.history().isEmpty()
                && contact.history().get(contact.history().size() - 1).at().isAfter(settled);
    }

    /** Whether the entry reserves what the signed contact says, for a version it has reached. */
    private static boolean agrees(UnitLedger.Entry entry, Contact contact) {
        BillingOutcome billing = contact.billing();
        return entry.units() == billing.units() && Objects.equals(entry.authorizationId(), billing.authorizationId())
                && Objects.equals(entry.dateOfService(), contact.dateOfService())
                && (entry.contactVersion() == null || entry.contactVersion() <= contact.version());
    }

    /**
     * Why {@code entry} does not fit beside {@code entries}, or null when it does: its authorization's units, or
     * for units charged to no authorization under Indiana's pack, the 1,460 units of every rolling window holding
     * its date (Indiana guide, Coding Requirements, seeds/002).
     */
    private static String problem(List<UnitLedger.Entry> entries, UnitLedger.Entry entry,
            Map<String, Integer> unitsAuthorized, BillingOutcome billing) {
        if (entry.authorizationId() != null) {
            if (!unitsAuthorized.containsKey(entry.authorizationId())) {
                return "authorization " + entry.authorizationId() + " is not on record.";
            }
            Integer limit = unitsAuthorized.get(entry.authorizationId());
            int used = entries.stream().filter(e -> entry.authorizationId().equals(e.authorizationId()))
                    .mapToInt(UnitLedger.Entry::units).sum();
            return limit == null || used + entry.units() <= limit ? null
                    : "authorization " + entry.authorizationId() + " has " + Math.max(0, limit - used) + " of its "
                            + limit + " units left.";
        }
        if ("IN".equals(billing.rulePack())) {
            Map<LocalDate, Integer> byDay = new LinkedHashMap<>();
            entries.stream().filter(e -> e.authorizationId() == null)
                    .forEach(e -> byDay.merge(e.dateOfService(), e.units(), Integer::sum));
            RollingWindow.Busiest busiest = RollingWindow.busiestContaining(entry.dateOfService(), byDay);
            return busiest.units() + entry.units() <= ContactBilling.INDIANA_ANNUAL_UNITS ? null
                    : "the rolling window " + busiest.window().first() + " to " + busiest.window().last() + " has "
                            + Math.max(0, ContactBilling.INDIANA_ANNUAL_UNITS - busiest.units()) + " of its "
                            + ContactBilling.INDIANA_ANNUAL_UNITS + " units left.";
        }
        return null;
    }
}

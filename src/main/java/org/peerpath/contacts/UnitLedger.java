package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.peerpath.billing.BillingCase.Setting;

/**
 * The units an enrollee's signed contacts consume, one document per enrollee. Every change is one conditional
 * update on {@code version} (compare-and-set): two coaches signing at the same moment both read version n,
 * only one writes n+1, and the other re-evaluates against the new usage. This holds without transactions, on
 * the embedded server and on a replica set alike, for every kind of limit (authorizations, rolling windows), and
 * for time: it holds every billable signed contact of the enrollee with its times, so two services billed to
 * one client for the same time can never both be signed billable (CMS FAQ A1).
 */
@Document("unitLedgers")
record UnitLedger(@Id String enrolleeId, List<Entry> entries, long version) implements LedgerStore.Ledger<UnitLedger.Entry> {

    UnitLedger {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * Units of one signed, billable contact, charged to an authorization (or to none, for a cap without one), and
     * the time it took (null on entries written before times were kept). The entry names the contact version it
     * reserves for and when, so the ledger and the contacts can always be reconciled after a crash between their
     * two writes ({@link LedgerDrift}; issue 18, item 1); both null on opening balances and older entries.
     *
     * @param contactVersion the version the contact has once the change that reserved this is written
     * @param reservedAt when the reservation was written
     */
    record Entry(String contactId, LocalDate dateOfService, int units, String authorizationId, String coachId,
            Setting setting, Instant start, Instant end, Long contactVersion, Instant reservedAt) {
    }

    @Override
    public String ledgerId() {
        return enrolleeId;
    }

    static UnitLedger empty(String enrolleeId) {
        return new UnitLedger(enrolleeId, List.of(), 0);
    }

    /** Units charged to {@code authorizationId} by contacts other than {@code exceptContactId}. */
    int usedOn(String authorizationId, String exceptContactId) {
        return entries.stream().filter(e -> authorizationId.equals(e.authorizationId()))
                .filter(e -> !e.contactId().equals(exceptContactId)).mapToInt(Entry::units).sum();
    }

    /** Units of contacts other than {@code exceptContactId} with a date of service in [from, to]. */
    int usedBetween(LocalDate from, LocalDate to, String exceptContactId) {
        return entries.stream().filter(e -> !e.contactId().equals(exceptContactId))
                .filter(e -> !e.dateOfService().isBefore(from) && !e.dateOfService().isAfter(to))
                .mapToInt(Entry::units).sum();
    }

    /**
     * Units not charged to an authorization by contacts other than {@code exceptContactId}, by date of service:
     * what Indiana's rolling windows count (Indiana guide, seeds/002).
     */
    Map<LocalDate, Integer> unitsByDayWithoutAuthorization(String exceptContactId) {
        return entries.stream().filter(e -> e.authorizationId() == null)
                .filter(e -> !e.contactId().equals(exceptContactId))
                .collect(Collectors.toMap(Entry::dateOfService, Entry::units, Integer::sum));
    }

    List<Entry> without(String contactId) {
        return entries.stream().filter(e -> !e.contactId().equals(contactId)).toList();
    }
}

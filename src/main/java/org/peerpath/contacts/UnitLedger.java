package org.peerpath.contacts;

import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The units an enrollee's signed contacts consume, one document per enrollee. Every change is one conditional
 * update on {@code version} (compare-and-set): two coaches signing at the same moment both read version n,
 * only one writes n+1, and the other re-evaluates against the new usage. This holds without transactions, on
 * the embedded server and on a replica set alike, for every kind of limit (authorizations, rolling windows).
 */
@Document("unitLedgers")
record UnitLedger(@Id String enrolleeId, List<Entry> entries, long version) {

    UnitLedger {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** Units of one signed contact, charged to an authorization (or to none, for a cap without one). */
    record Entry(String contactId, LocalDate dateOfService, int units, String authorizationId) {
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
     * As {@link #usedBetween}, counting only units not charged to an authorization: Indiana's 1,460 units are
     * those used without prior authorization (Indiana guide, seeds/002).
     */
    int usedBetweenWithoutAuthorization(LocalDate from, LocalDate to, String exceptContactId) {
        return entries.stream().filter(e -> e.authorizationId() == null)
                .filter(e -> !e.contactId().equals(exceptContactId))
                .filter(e -> !e.dateOfService().isBefore(from) && !e.dateOfService().isAfter(to))
                .mapToInt(Entry::units).sum();
    }

    List<Entry> without(String contactId) {
        return entries.stream().filter(e -> !e.contactId().equals(contactId)).toList();
    }
}

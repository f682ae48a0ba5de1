package org.peerpath.contacts;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.peerpath.billing.BillingCase.Setting;

/**
 * The services a coach has signed, with their times, one document per coach. A coach delivers no individual
 * service during another service of their own (CMS FAQ A1); deciding that against this one document with a
 * compare-and-set on {@code version} ({@link LedgerStore}) makes two racing signings of overlapping services
 * see each other. It holds every signed contact, billable or not (the coach was there either way), except one
 * that lost an overlap (it holds the time only between its reservation and that verdict); a void removes its
 * entry, an amendment moves it.
 */
@Document("coachLedgers")
record CoachLedger(@Id String coachId, List<Entry> entries, long version) implements LedgerStore.Ledger<CoachLedger.Entry> {

    CoachLedger {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * One signed contact of the coach; {@code groupSessionId} names its group session (null: none, or an entry
     * written before sessions existed).
     */
    record Entry(String contactId, String enrolleeId, Setting setting, Instant start, Instant end,
            String groupSessionId) {
    }

    static CoachLedger empty(String coachId) {
        return new CoachLedger(coachId, List.of(), 0);
    }

    @Override
    public String ledgerId() {
        return coachId;
    }

    List<Entry> without(String contactId) {
        return entries.stream().filter(e -> !e.contactId().equals(contactId)).toList();
    }
}

package org.peerpath.contacts;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Compare-and-set changes to a coach's {@link CoachLedger} (see {@link LedgerStore}). */
@Component
class CoachLedgers {

    private final LedgerStore<CoachLedger, CoachLedger.Entry> store;

    CoachLedgers(MongoTemplate mongo) {
        this.store = new LedgerStore<>(mongo, CoachLedger.class, (id, entries) -> new CoachLedger(id, entries, 1));
    }

    CoachLedger read(String coachId) {
        CoachLedger ledger = store.find(coachId);
        return ledger == null ? CoachLedger.empty(coachId) : ledger;
    }

    /**
     * Puts the contact's time on its coach's ledger (replacing what it held before) and returns the ledger as it
     * was just before, without the contact: the coach's other services the contact is judged against. Atomic, so
     * of two racing signings the later one sees the earlier.
     */
    CoachLedger hold(Contact contact) {
        return store.change(contact.coachId(), CoachLedger.empty(contact.coachId()), ledger -> {
            List<CoachLedger.Entry> entries = new ArrayList<>(ledger.without(contact.id()));
            entries.add(new CoachLedger.Entry(contact.id(), contact.enrolleeId(), contact.setting(), contact.start(),
                    contact.end(), contact.groupSessionId()));
            return new LedgerStore.Decision<>(entries,
                    new CoachLedger(ledger.coachId(), ledger.without(contact.id()), ledger.version()));
        });
    }

    /** Takes the contact off its coach's ledger (voided, or its signing did not complete). */
    void release(Contact contact) {
        store.change(contact.coachId(), CoachLedger.empty(contact.coachId()),
                ledger -> new LedgerStore.Decision<>(ledger.without(contact.id()), null));
    }
}

package org.peerpath.contacts;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Compare-and-set changes to an enrollee's {@link UnitLedger} (see {@link LedgerStore}). Concurrent signings
 * therefore can never together exceed an authorization or a cap, nor bill one client twice for the same time.
 */
@Component
class UnitLedgers {

    private final LedgerStore<UnitLedger, UnitLedger.Entry> store;

    UnitLedgers(MongoTemplate mongo) {
        this.store = new LedgerStore<>(mongo, UnitLedger.class, (id, entries) -> new UnitLedger(id, entries, 1));
    }

    UnitLedger read(String enrolleeId) {
        UnitLedger ledger = store.find(enrolleeId);
        return ledger == null ? UnitLedger.empty(enrolleeId) : ledger;
    }

    /**
     * Decides against the current ledger and writes the entries the decision returns, retrying on a lost race.
     * Returns what the winning decision produced.
     */
    <T> T change(String enrolleeId, Function<UnitLedger, Decision<T>> decide) {
        return store.change(enrolleeId, UnitLedger.empty(enrolleeId), ledger -> {
            Decision<T> decision = decide.apply(ledger);
            return new LedgerStore.Decision<>(decision.entries(), decision.result());
        });
    }

    /** What to store and what to report. */
    record Decision<T>(List<UnitLedger.Entry> entries, T result) {
    }
}

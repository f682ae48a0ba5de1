package org.peerpath.contacts;

import java.util.List;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import org.peerpath.graphql.DomainException;

/**
 * Compare-and-set changes to an enrollee's {@link UnitLedger}. The decision (evaluate the billing rules against
 * the ledger as read) and the write (only if the ledger is still at the version read) form one atomic step
 * per attempt; a lost race re-reads and decides again. Concurrent signings therefore can never together
 * exceed an authorization or a cap.
 */
@Component
class UnitLedgers {

    private static final int ATTEMPTS = 50;

    private final MongoTemplate mongo;

    UnitLedgers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    UnitLedger read(String enrolleeId) {
        UnitLedger ledger = mongo.findById(enrolleeId, UnitLedger.class);
        return ledger == null ? UnitLedger.empty(enrolleeId) : ledger;
    }

    /**
     * Decides against the current ledger and writes the entries the decision returns, retrying on a lost race.
     * Returns what the winning decision produced.
     */
    <T> T change(String enrolleeId, Function<UnitLedger, Decision<T>> decide) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            UnitLedger ledger = read(enrolleeId);
            Decision<T> decision = decide.apply(ledger);
            if (decision.entries().equals(ledger.entries()) || write(ledger, decision.entries())) {
                return decision.result();
            }
        }
        throw DomainException.conflict("Too many contacts of this enrollee are being signed at once. Try again.",
                java.util.Map.of());
    }

    /** What to store and what to report. */
    record Decision<T>(List<UnitLedger.Entry> entries, T result) {
    }

    private boolean write(UnitLedger ledger, List<UnitLedger.Entry> entries) {
        if (ledger.version() == 0 && mongo.findById(ledger.enrolleeId(), UnitLedger.class) == null) {
            try {
                mongo.insert(new UnitLedger(ledger.enrolleeId(), entries, 1));
                return true;
            }
            catch (DuplicateKeyException ex) {
                return false; // someone created it first: decide again against theirs
            }
        }
        UnitLedger updated = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(ledger.enrolleeId()).and("version").is(ledger.version())),
                new Update().set("entries", entries).inc("version", 1), FindAndModifyOptions.options().returnNew(true),
                UnitLedger.class);
        return updated != null;
    }
}

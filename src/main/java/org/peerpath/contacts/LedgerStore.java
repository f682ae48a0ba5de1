package org.peerpath.contacts;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.peerpath.graphql.DomainException;

/**
 * Compare-and-set changes to one ledger document (an enrollee's {@link UnitLedger}, a coach's
 * {@link CoachLedger}). The decision (evaluated against the ledger as read) and the write (only if the ledger is
 * still at the version read) form one atomic step per attempt; a lost race re-reads and decides again. Single
 * document conditional updates: no transactions, on the embedded server and on a replica set alike.
 *
 * @param <L> the ledger document
 * @param <E> its entries
 */
final class LedgerStore<L extends LedgerStore.Ledger<E>, E> {

    private static final int ATTEMPTS = 50;

    /** A ledger document: an id, its entries, and the version every change increments. */
    interface Ledger<E> {

        String ledgerId();

        List<E> entries();

        long version();
    }

    /** What to store and what to report. */
    record Decision<E, T>(List<E> entries, T result) {
    }

    private final MongoTemplate mongo;
    private final Class<L> type;
    private final BiFunction<String, List<E>, L> create;

    /** {@code create} makes a ledger document with the given id and entries at version 1. */
    LedgerStore(MongoTemplate mongo, Class<L> type, BiFunction<String, List<E>, L> create) {
        this.mongo = mongo;
        this.type = type;
        this.create = create;
    }

    /** The ledger, or null when nothing was ever written to it. */
    L find(String id) {
        return mongo.findById(id, type);
    }

    /**
     * Decides against the current ledger ({@code empty} when there is none yet) and writes the entries the
     * decision returns, retrying on a lost race. Returns what the winning decision produced.
     */
    <T> T change(String id, L empty, Function<L, Decision<E, T>> decide) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            L stored = find(id);
            L ledger = stored == null ? empty : stored;
            Decision<E, T> decision = decide.apply(ledger);
            if (decision.entries().equals(ledger.entries()) || write(stored, id, decision.entries())) {
                return decision.result();
            }
        }
        throw DomainException.conflict("Too many contacts are being signed at once. Try again.", Map.of());
    }

    private boolean write(L stored, String id, List<E> entries) {
        if (stored == null) {
            try {
                mongo.insert(create.apply(id, entries));
                return true;
            }
            catch (DuplicateKeyException ex) {
                return false; // someone created it first: decide again against theirs
            }
        }
        return mongo.findAndModify(
                Query.query(Criteria.where("_id").is(id).and("version").is(stored.version())),
                new Update().set("entries", entries).inc("version", 1), FindAndModifyOptions.options().returnNew(true),
                type) != null;
    }
}

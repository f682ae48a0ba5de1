package org.peerpath.database;

import java.util.Map;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.peerpath.graphql.DomainException;

/**
 * Optimistic concurrency without transactions: one conditional {@code findAndModify} that applies the change
 * only if the record still has the version the client last saw. Two phones editing at once: one wins, the
 * other gets a CONFLICT carrying the current version, and nothing is silently overwritten.
 */
public final class VersionedUpdate {

    private VersionedUpdate() {
    }

    /**
     * Applies {@code update} to the record matched by {@code scope} if its version is {@code expectedVersion};
     * returns the record after the change.
     */
    public static <T> T apply(MongoTemplate mongo, Class<T> type, Criteria scope, long expectedVersion,
            Update update, String what) {
        Query guarded = Query.query(new Criteria().andOperator(scope, Criteria.where("version").is(expectedVersion)));
        T updated = mongo.findAndModify(guarded, update.inc("version", 1), FindAndModifyOptions.options().returnNew(true),
                type);
        if (updated != null) {
            return updated;
        }
        org.bson.Document current = mongo.findOne(Query.query(scope), org.bson.Document.class,
                mongo.getCollectionName(type));
        if (current == null) {
            throw DomainException.notFound(what);
        }
        Object version = current.get("version");
        throw DomainException.conflict(what + " was changed by someone else (now version " + version
                + ", you edited version " + expectedVersion + "). Reload and try again.",
                Map.of("currentVersion", version));
    }
}

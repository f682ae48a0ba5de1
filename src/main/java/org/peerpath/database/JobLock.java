package org.peerpath.database;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A cross-instance lock for scheduled jobs, one document per job in {@code jobLocks}: taken with a conditional
 * upsert on {@code lockedUntil < now} (the unique {@code _id} refuses a second holder), given back by its holder,
 * and expiring by itself so a crashed instance cannot hold it forever. It saves duplicate work only; jobs must
 * stay correct without it (unique keys), since a lock with a lease can always be outlived.
 */
@Component
public class JobLock {

    static final String COLLECTION = "jobLocks";

    private final MongoTemplate mongo;

    JobLock(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A held lock; {@link #release()} gives it back early. */
    public final class Lease {

        private final String job;
        private final String holder;

        Lease(String job, String holder) {
            this.job = job;
            this.holder = holder;
        }

        public void release() {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(job).and("lockedBy").is(holder)),
                    new Update().set("lockedUntil", Instant.EPOCH), COLLECTION);
        }
    }

    /** The lock of {@code job} until {@code now + lease}, or null when another holder has it. */
    public Lease tryAcquire(String job, Instant now, Duration lease) {
        String holder = UUID.randomUUID().toString();
        try {
            Object taken = mongo.findAndModify(Query.query(Criteria.where("_id").is(job).and("lockedUntil").lt(now)),
                    new Update().set("lockedUntil", now.plus(lease)).set("lockedBy", holder).set("lockedAt", now),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), org.bson.Document.class, COLLECTION);
            return taken == null ? null : new Lease(job, holder);
        }
        catch (DuplicateKeyException held) {
            return null;
        }
    }
}

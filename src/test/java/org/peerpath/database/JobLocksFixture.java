package org.peerpath.database;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Locks as another instance leaves them: taken and never given back (it died). */
public final class JobLocksFixture {

    private JobLocksFixture() {
    }

    /** Takes the lock {@code name} at the clock's instant, for {@code lockAtMostFor}, as a crashed instance would. */
    public static void takeAndKeep(MongoTemplate mongo, Clock clock, String name, Duration lockAtMostFor) {
        boolean taken = new MongoLockProvider(mongo.getCollection(JobLocks.COLLECTION))
                .lock(new LockConfiguration(clock.instant().truncatedTo(ChronoUnit.MILLIS), name, lockAtMostFor,
                        Duration.ZERO))
                .isPresent();
        if (!taken) {
            throw new IllegalStateException("Lock " + name + " is held already");
        }
    }
}

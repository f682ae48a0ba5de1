package org.peerpath.demo;

import java.time.Clock;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import org.peerpath.database.ConditionalOnDemoMode;

/**
 * Where demo seeding stands (issue 18, item 2): one {@code demoSeed} document for the first start, whose instant
 * every demo date is counted from (so a seeding resumed on a later day sends the same inputs, and the
 * client-generated ids find the same records), and one marker per organization and stage, written only once the
 * stage is complete. A start finds the stages without a marker and runs them again; every step of a stage is a
 * retry-safe creation or reads the state first, so a stage cut short is completed, never doubled.
 */
@Component
@ConditionalOnDemoMode
class DemoSeed {

    static final String FIRST_START = "first-start";

    private final MongoTemplate mongo;
    private final Clock clock;

    DemoSeed(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A marker: {@code id} is {@value #FIRST_START} or {@code <state>.<stage>}. */
    @Document("demoSeed")
    record Marker(@Id String id, Instant at) {
    }

    /** The instant of the first start: recorded by the first start, read by every later one. */
    Instant firstStart() {
        Marker existing = mongo.findById(FIRST_START, Marker.class);
        if (existing != null) {
            return existing.at();
        }
        try {
            return mongo.insert(new Marker(FIRST_START, clock.instant())).at();
        }
        catch (DuplicateKeyException anotherInstance) {
            return mongo.findById(FIRST_START, Marker.class).at();
        }
    }

    /**
     * Adopts the organizations a version before these markers seeded: its first start was when they were created,
     * and their people are complete as far as that version knew.
     */
    void adopt(Instant firstStart, java.util.List<String> completedStages) {
        if (mongo.findById(FIRST_START, Marker.class) == null) {
            mongo.save(new Marker(FIRST_START, firstStart));
            completedStages.forEach(stage -> mongo.save(new Marker(stage, clock.instant())));
        }
    }

    boolean done(String stage) {
        return mongo.findById(stage, Marker.class) != null;
    }

    /** Runs {@code stage} unless a start before completed it, then marks it complete. */
    void once(String stage, Runnable work) {
        if (done(stage)) {
            return;
        }
        work.run();
        mongo.save(new Marker(stage, clock.instant()));
    }
}

package org.peerpath.database;

import java.util.concurrent.TimeUnit;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The driver's durability settings, set explicitly rather than left to the server's or the URI's defaults (issue
 * 17). Writes are acknowledged only once a majority of the replica set has them in its journal, so a primary
 * failover cannot roll back an answered write; reads use majority read concern, so what the service decides on
 * (the unit ledgers that decide billing, {@code contacts.UnitLedgers}) can never be rolled back either. On the
 * embedded server (one node, every write forced to disk before its reply) both are satisfied by construction and
 * the server accepts them.
 */
@Configuration(proxyBeanMethods = false)
public class MongoDurabilitySettings {

    /** Majority and journaled; a majority that does not answer within this is an error, never a silent success. */
    public static final WriteConcern WRITE_CONCERN = WriteConcern.MAJORITY.withJournal(true)
            .withWTimeout(10, TimeUnit.SECONDS);

    public static final ReadConcern READ_CONCERN = ReadConcern.MAJORITY;

    @Bean
    MongoClientSettingsBuilderCustomizer durableWritesAndReads() {
        return settings -> settings.writeConcern(WRITE_CONCERN).readConcern(READ_CONCERN);
    }
}

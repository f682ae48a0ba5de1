package org.peerpath.database;

import java.util.UUID;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client the service uses writes with {@code w: majority, j: true} and reads with majority read concern, on
 * whichever database the suite runs against (a Testcontainers replica set where Docker exists, the embedded server
 * otherwise), and the server accepts both.
 */
class MongoDurabilitySettingsTest extends IntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MongoClient client;

    @Test
    void writesAreMajorityJournaledAndLedgerReadsMajority() {
        WriteConcern write = mongo.getDb().getWriteConcern();
        assertThat(write.getWString()).isEqualTo("majority");
        assertThat(write.getJournal()).isTrue();
        assertThat(mongo.getDb().getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(mongo.getCollection("unitLedgers").getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(mongo.getCollection("unitLedgers").getWriteConcern()).isEqualTo(MongoDurabilitySettings.WRITE_CONCERN);

        // The server takes both: a write and a read of one document with these concerns.
        MongoCollection<Document> probe = client.getDatabase(mongo.getDb().getName()).getCollection("durabilityProbe");
        String id = UUID.randomUUID().toString();
        probe.insertOne(new Document("_id", id));
        assertThat(probe.find(new Document("_id", id)).first()).isNotNull();
        probe.deleteOne(new Document("_id", id));
    }
}

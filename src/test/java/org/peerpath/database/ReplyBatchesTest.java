package org.peerpath.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No reply of the embedded server carries more than {@link ReplyBatches#MAX_DOCUMENTS} documents (issue 19: a
 * 78.8 MB reply failed in the driver), on the file store and in memory alike: a whole collection read with no
 * batch size comes back in bounded batches the driver fetches one by one, every document once; a small page and
 * a single-batch lookup are left as asked.
 */
class ReplyBatchesTest {

    private static final int DOCUMENTS = 2_500;

    @TempDir
    Path dir;

    @Test
    void theFileStoreAnswersAWholeCollectionInBoundedBatches() {
        everyReplyIsBounded(DurableH2Backend.open(dir.resolve("peerpath.mv")));
    }

    @Test
    void theInMemoryStoreToo() {
        everyReplyIsBounded(ReplyBatches.inMemory());
    }

    private void everyReplyIsBounded(H2Backend backend) {
        MongoServer server = new MongoServer(backend);
        List<Integer> batches = new CopyOnWriteArrayList<>();
        CommandListener replies = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                BsonDocument cursor = event.getResponse().getDocument("cursor", null);
                if (cursor != null) {
                    batches.add(cursor.getArray(cursor.containsKey("firstBatch") ? "firstBatch" : "nextBatch")
                            .size());
                }
            }
        };
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.bind().getPort()))
                .addCommandListener(replies).build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> contacts = client.getDatabase("peerpath").getCollection("contacts");
            List<Document> all = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                all.add(new Document("_id", "c-%05d".formatted(i)).append("narrative", "x".repeat(100)));
            }
            contacts.insertMany(all);

            batches.clear();
            assertThat(contacts.find().into(new ArrayList<>())).hasSize(DOCUMENTS);
            assertThat(batches).as("a whole collection, no batch size asked").hasSizeGreaterThan(2)
                    .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(ReplyBatches.MAX_DOCUMENTS));
            assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(DOCUMENTS);

            batches.clear();
            assertThat(contacts.find().batchSize(5000).into(new ArrayList<>())).hasSize(DOCUMENTS);
            assertThat(batches).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(ReplyBatches.MAX_DOCUMENTS));

            batches.clear();
            assertThat(contacts.find().limit(51).into(new ArrayList<>())).hasSize(51);
            assertThat(contacts.find(Filters.eq("_id", "c-00007")).first()).isNotNull();
            assertThat(batches).containsExactly(51, 1);
        }
        finally {
            server.shutdownNow();
        }
    }
}

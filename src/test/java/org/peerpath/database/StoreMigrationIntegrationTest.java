package org.peerpath.database;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The way up (issue 19): the suite's database (the demo organizations and whatever the suite wrote so far)
 * exported through the driver and imported into a fresh embedded server, every collection read back with the
 * same count and checksum, the unique indexes in place; and an import never merges into a database with data.
 */
class StoreMigrationIntegrationTest extends IntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @TempDir
    Path dir;

    @Test
    void everyCollectionArrivesWithItsCountChecksumAndIndexes() throws Exception {
        MongoDatabase source = mongo.getDb();
        List<StoreMigration.CollectionSummary> exported = StoreMigration.export(source, dir, line -> { });
        assertThat(exported).extracting(StoreMigration.CollectionSummary::name)
                .containsAll(StoreMigration.collectionNames(source).stream()
                        .filter(name -> source.getCollection(name).estimatedDocumentCount() > 0).toList())
                .contains("enrollees", "staff", "organizations", "recoveryPlans");
        assertThat(exported).allSatisfy(summary -> assertThat(summary.checksum()).hasSize(64));

        MongoServer server = new MongoServer(H2Backend.inMemory());
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoDatabase target = client.getDatabase("peerpath");
            List<StoreMigration.Comparison> comparisons = StoreMigration.importInto(dir, target, line -> { });

            assertThat(comparisons).hasSize(exported.size()).allSatisfy(comparison -> assertThat(comparison.matches())
                    .as("%s", comparison).isTrue());
            Map<String, Long> counts = comparisons.stream().collect(Collectors.toMap(
                    comparison -> comparison.exported().name(), comparison -> comparison.imported().documents()));
            assertThat(counts.get("enrollees")).isPositive()
                    .isEqualTo(target.getCollection("enrollees").countDocuments());
            assertThat(StoreMigration.readBack(target, "recoveryPlans").indexes())
                    .anySatisfy(index -> assertThat(index.getString("name").getValue())
                            .isEqualTo("one_active_plan_per_enrollee"))
                    .filteredOn(index -> index.getString("name").getValue().equals("one_active_plan_per_enrollee"))
                    .allSatisfy(index -> assertThat(index.getBoolean("unique").getValue()).isTrue());

            BsonDocument enrollee = target.getCollection("enrollees", BsonDocument.class).find().first();
            BsonDocument original = source.getCollection("enrollees", BsonDocument.class)
                    .find(new BsonDocument("_id", enrollee.get("_id"))).first();
            assertThat(enrollee).isEqualTo(original);

            long before = target.getCollection("enrollees").countDocuments();
            assertThatThrownBy(() -> StoreMigration.importInto(dir, target, line -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Nothing was imported")
                    .hasMessageContaining("the target's collection enrollees already holds documents");
            assertThat(target.getCollection("enrollees").countDocuments()).isEqualTo(before);
        }
        finally {
            server.shutdownNow();
        }
    }
}

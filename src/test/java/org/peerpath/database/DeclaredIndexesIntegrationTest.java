package org.peerpath.database;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The indexes the features declare at start-up serve their hot queries: on the embedded default a query no index
 * narrows reads its whole collection, and on MongoDB it is a collection scan. Counted with the embedded backend's
 * documents examined, so this runs on the embedded default only.
 */
class DeclaredIndexesIntegrationTest extends IntegrationTest {

    @Autowired
    private ObjectProvider<H2Backend> embeddedStore;

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private DatabaseSettings settings;

    @Test
    void aCoachsOpenOutreachTasksAreReadThroughTheirEnrolleesNotEveryTask() {
        H2Backend backend = embeddedStore.getIfAvailable();
        assumeTrue(backend != null, "counts documents examined on the embedded default only");
        String run = UUID.randomUUID().toString();
        List<Document> tasks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tasks.add(new Document("_id", run + "-" + i).append("organizationId", "org-" + run)
                    .append("enrolleeId", run + "-enrollee-" + i).append("openKey", run + "-open-" + i)
                    .append("status", "OPEN").append("dueOn", LocalDate.of(2026, 12, 1).plusDays(i % 20)));
        }
        mongo.getCollection("outreachTasks").insertMany(tasks);

        long before = examined(backend);
        // The shape of OutreachTasks.myOpenTasks: the caseload's enrollees, open, soonest due first.
        List<Document> found = mongo.find(Query.query(Criteria.where("enrolleeId")
                .in(run + "-enrollee-7", run + "-enrollee-8").and("status").is("OPEN"))
                .with(Sort.by("dueOn", "_id")), Document.class, "outreachTasks");

        assertThat(found).extracting(d -> d.get("_id")).containsExactly(run + "-7", run + "-8");
        assertThat(examined(backend) - before).isLessThanOrEqualTo(2);
    }

    private long examined(H2Backend backend) {
        return ((IndexedH2Backend.IndexedCollection) backend.resolveDatabase(settings.mongodb().database())
                .resolveCollection("outreachTasks", true)).documentsExamined();
    }
}

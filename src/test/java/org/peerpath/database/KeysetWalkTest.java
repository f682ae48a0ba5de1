package org.peerpath.database;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;

import org.peerpath.graphql.Dates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walks that replace reading a list whole (issue 19), over pages far smaller than the list: every row of the
 * scope once, in the keyset's order, also across runs of equal sort values split between pages, and one command
 * per page; rows outside the scope never. The features walk in pages of {@value IdPages#SIZE}, which their tests'
 * lists never fill, so the page boundaries are tested here.
 */
class KeysetWalkTest {

    @Document("rows")
    record Row(@Id String id, String scope, LocalDate day) {
    }

    private MongoServer server;

    private MongoClient client;

    private MongoTemplate mongo;

    private final List<Row> inScope = new ArrayList<>();

    @BeforeEach
    void rows() {
        server = new MongoServer(ReplyBatches.inMemory());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        mongo = new MongoTemplate(client, "walks");
        String[] days = {"2026-12-03", "2026-12-01", "2026-12-01", "2026-12-02", "2026-12-01", "2026-12-03",
                "2026-12-02"};
        for (int i = 0; i < days.length; i++) {
            Row row = new Row("r" + (days.length - i), "org", LocalDate.parse(days[i]));
            mongo.insert(row);
            inScope.add(row);
            mongo.insert(new Row("other" + i, "another org", LocalDate.parse(days[i])));
        }
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aKeysetWalkHandsEveryRowOnceInOrderAcrossTies() {
        for (Keyset<LocalDate> keyset : List.of(Keyset.ascending("day", Dates::date),
                Keyset.descending("day", Dates::date))) {
            List<Row> seen = new ArrayList<>();
            List<Integer> pages = new ArrayList<>();
            long handed = keyset.forEach(mongo, Criteria.where("scope").is("org"), Row.class, 2, List.of("scope", "day"),
                    Row::day, Row::id, page -> {
                        pages.add(page.size());
                        seen.addAll(page);
                    });
            java.util.Comparator<Row> order = java.util.Comparator.comparing(Row::day).thenComparing(Row::id);
            assertThat(seen).containsExactlyElementsOf(inScope.stream()
                    .sorted(keyset.direction().isAscending() ? order : order.reversed()).toList());
            assertThat(pages).containsExactly(2, 2, 2, 1);
            assertThat(handed).isEqualTo(7);
        }
    }

    @Test
    void anIdWalkOfRawDocumentsReadsOnlyItsFieldsOnePageAtATime() {
        List<String> ids = new ArrayList<>();
        List<Integer> pages = new ArrayList<>();
        IdPages.forEach(mongo, Criteria.where("scope").is("org"), "rows", 3, List.of("day"), page -> {
            pages.add(page.size());
            page.forEach(document -> {
                assertThat(document.keySet()).containsExactlyInAnyOrder("_id", "day");
                ids.add(document.getString("_id"));
            });
        });
        assertThat(ids).containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7");
        assertThat(pages).containsExactly(3, 3, 1);
    }

    @Test
    void aWalkOfAnExactMultipleOfThePageEndsOnAnEmptyPageNeverHandedOver() {
        List<Integer> pages = new ArrayList<>();
        long handed = Keyset.ascending("day", Dates::date).forEach(mongo, Criteria.where("scope").is("org")
                .and("day").gte(LocalDate.parse("2026-12-02")), Row.class, 2, List.of("day"), Row::day, Row::id,
                page -> pages.add(page.size()));
        assertThat(pages).containsExactly(2, 2);
        assertThat(handed).isEqualTo(4);
    }
}

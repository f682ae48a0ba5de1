package org.peerpath.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.peerpath.PeerPathApplication;
import org.peerpath.people.Enrollee;
import org.peerpath.people.Organization;
import org.peerpath.people.StaffMember;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zero-setup default as a user meets it: the embedded database on disk. Data survives a restart, and the
 * demo data is seeded once: a second start adds nothing and overwrites nothing.
 */
class DemoModeRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestartAndDemoDataIsSeededOnce() {
        String enrolleeId = DemoData.id("enrollee.mi.0");
        try (ConfigurableApplicationContext first = start()) {
            MongoTemplate mongo = first.getBean(MongoTemplate.class);
            assertThat(mongo.count(new Query(), Organization.class)).isEqualTo(3);
            assertThat(mongo.count(new Query(), Enrollee.class)).isEqualTo(27);
            assertThat(mongo.count(Query.query(Criteria.where("organizationId").is(DemoData.id("org.mi"))),
                    StaffMember.class)).isEqualTo(4);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(enrolleeId)),
                    Update.update("preferredName", "Changed before restart"), Enrollee.class);
        }
        try (ConfigurableApplicationContext second = start()) {
            MongoTemplate mongo = second.getBean(MongoTemplate.class);
            assertThat(mongo.count(new Query(), Organization.class)).isEqualTo(3);
            assertThat(mongo.count(new Query(), Enrollee.class)).isEqualTo(27);
            assertThat(mongo.findById(enrolleeId, Enrollee.class).preferredName()).isEqualTo("Changed before restart");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PeerPathApplication.class).run("--server.port=0",
                "--peerpath.data-dir=" + dataDir, "--peerpath.mongodb.uri=", "--logging.level.de.bwaldvogel=WARN");
    }
}

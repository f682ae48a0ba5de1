package org.peerpath.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness follows the database: UP on a reachable embedded server (which rejects Boot's own {@code hello}
 * check), DOWN at once when nothing answers. Readiness over HTTP is in ActuatorIntegrationTest.
 */
class DatabaseHealthIndicatorTest {

    @Test
    void upOnTheEmbeddedServer() {
        MongoServer server = new MongoServer(H2Backend.inMemory());
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:"
                + server.getLocalAddress().getPort() + "/peerpath")) {
            client.getDatabase("peerpath").getCollection("probe").countDocuments();
            assertThat(new DatabaseHealthIndicator(client, "peerpath").health(true).getStatus()).isEqualTo(Status.UP);
        }
        finally {
            server.shutdownNow();
        }
    }

    @Test
    void downWhenTheDatabaseIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + closedPort + "/peerpath"))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(200, TimeUnit.MILLISECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            assertThat(new DatabaseHealthIndicator(client, "peerpath").health(true).getStatus())
                    .isEqualTo(Status.DOWN);
        }
    }

    @Test
    void downWhenTheEmbeddedServerStops() {
        MongoServer server = new MongoServer(H2Backend.inMemory());
        server.bind("127.0.0.1", 0);
        int port = server.getLocalAddress().getPort();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port + "/peerpath"))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            DatabaseHealthIndicator indicator = new DatabaseHealthIndicator(client, "peerpath");
            client.getDatabase("peerpath").getCollection("probe").countDocuments();
            assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
            server.shutdownNow();
            assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
        }
    }
}

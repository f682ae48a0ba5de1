package org.peerpath.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Points Boot's own Mongo client at the right server, before Boot's auto-configuration looks for one.
 * With {@code MONGODB_URI} set, that server. Without it, an embedded MongoDB wire-protocol server started in
 * this JVM and spoken to through the real driver, its data kept under {@code peerpath.data-dir}.
 * A connection already provided (Testcontainers' {@code @ServiceConnection} in tests) wins over both.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnMissingBean(MongoConnectionDetails.class)
@EnableConfigurationProperties(DatabaseSettings.class)
public class MongoConnectionAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConnectionAutoConfiguration.class);

    /**
     * The embedded server's store: on disk, durable before acknowledgement; or in memory for the tests. The
     * server closes it when it shuts down, so it has no destroy method of its own.
     */
    @Bean(destroyMethod = "")
    @Lazy
    H2Backend embeddedStore(DatabaseSettings settings) throws IOException {
        if (settings.embeddedMongo().inMemory()) {
            return ReplyBatches.inMemory();
        }
        Files.createDirectories(settings.dataDir());
        Path file = settings.dataDir().resolve("peerpath.mv").toAbsolutePath();
        DurableH2Backend backend = DurableH2Backend.open(file);
        log.info("Embedded MongoDB server keeps its data in {} (each write on disk before it is answered)", file);
        return backend;
    }

    /** Started only when no URI is given (the connection details below ask for it). */
    @Bean(destroyMethod = "shutdownNow")
    @Lazy
    MongoServer embeddedMongoServer(H2Backend embeddedStore) {
        MongoServer server = new MongoServer(embeddedStore);
        server.bind("127.0.0.1", 0);
        return server;
    }

    /** {@code POST /actuator/backup}: a consistent copy of the embedded store, taken while the service runs. */
    @Bean
    @ConditionalOnExpression("'${" + ConditionalOnDemoMode.MONGODB_URI_PROPERTY + ":}'.isBlank()")
    EmbeddedStoreBackup embeddedStoreBackup(ObjectProvider<H2Backend> embeddedStore, DatabaseSettings settings,
            Clock clock) {
        return new EmbeddedStoreBackup(embeddedStore, settings.dataDir().resolve("backups"), clock);
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(DatabaseSettings settings, ObjectProvider<MongoServer> embedded) {
        String uri = settings.mongodb().uri();
        String database = settings.mongodb().database();
        ConnectionString connection;
        if (uri.isBlank()) {
            InetSocketAddress address = embedded.getObject().getLocalAddress();
            connection = new ConnectionString("mongodb://127.0.0.1:" + address.getPort() + "/" + database);
        }
        else {
            ConnectionString given = new ConnectionString(uri);
            connection = given.getDatabase() != null ? given : new ConnectionString(withDatabase(uri, database));
        }
        return () -> connection;
    }

    /** Adds the database to a URI that names none, keeping its options ({@code ?replicaSet=...}). */
    static String withDatabase(String uri, String database) {
        int query = uri.indexOf('?');
        String base = query < 0 ? uri : uri.substring(0, query);
        String options = query < 0 ? "" : uri.substring(query);
        return (base.endsWith("/") ? base : base + "/") + database + options;
    }
}

package org.peerpath.database;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The database part of readiness ({@code database} in {@code /actuator/health/readiness}), on the embedded server
 * and on MongoDB alike. Boot's own Mongo indicator sends {@code hello}, which the embedded server rejects, so it is
 * switched off ({@code management.health.mongodb.enabled=false}) in favour of {@code ping}. Without a writable
 * server in the driver's view of the cluster it answers DOWN at once instead of waiting out server selection, so a
 * load balancer's probe never hangs while the database is away.
 */
@Component("database")
class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final MongoClient client;
    private final String database;

    @Autowired
    DatabaseHealthIndicator(MongoClient client, DatabaseSettings settings) {
        this(client, settings.mongodb().database());
    }

    DatabaseHealthIndicator(MongoClient client, String database) {
        super("Database health check failed");
        this.client = client;
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var cluster = client.getClusterDescription();
        builder.withDetail("cluster", cluster.getType().name());
        if (!cluster.hasWritableServer()) {
            builder.down().withDetail("reason", "no writable server reachable");
            return;
        }
        client.getDatabase(database).runCommand(new Document("ping", 1));
        builder.up();
    }
}

package org.peerpath;

import java.time.Clock;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.peerpath.database.StoreMigrationCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** PeerPath: the GraphQL backend of the peer-recovery coaching app. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeerPathApplication {

    public static void main(String[] args) {
        if (StoreMigrationCommand.isRequested(args)) {
            // README, Moving to MongoDB: export or import, then exit; no service is started.
            quietLogging();
            System.exit(StoreMigrationCommand.run(args, System.getenv(), System.out));
        }
        SpringApplication.run(PeerPathApplication.class, args);
    }

    /** Without Boot's logging set-up, Logback would print every driver event at DEBUG. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    /** One clock for every feature, so tests can move time. Instants are stored in UTC. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

package org.peerpath;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** PeerPath: the GraphQL backend of the peer-recovery coaching app. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeerPathApplication {

    public static void main(String[] args) {
        SpringApplication.run(PeerPathApplication.class, args);
    }

    /** One clock for every feature, so tests can move time. Instants are stored in UTC. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

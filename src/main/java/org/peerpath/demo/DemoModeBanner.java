package org.peerpath.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import org.peerpath.database.ConditionalOnDemoMode;

/** Tells whoever started the service in demo mode where GraphiQL is and how to get a token. */
@Component
@ConditionalOnDemoMode
class DemoModeBanner {

    private static final Logger log = LoggerFactory.getLogger(DemoModeBanner.class);

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        log.info("""

                PeerPath is running in DEMO MODE on the embedded database (no MONGODB_URI set).
                  GraphiQL:   {}/graphiql  (pick a demo login there: its token is filled in)
                  Get a token: curl -s -X POST {}/auth/demo-token -H 'Content-Type: application/json' -d '{"login":"coach.mi"}'
                  Demo logins: {}
                """, base, base, String.join(", ", DemoData.LOGINS));
    }
}

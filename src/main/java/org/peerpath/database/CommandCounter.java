package org.peerpath.database;

import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Diagnostics: counts the database commands the service sends, so a test (or an operator with a debugger) can
 * see that a list request costs the same number of commands whatever the number of rows. A counter increment per
 * command; nothing is recorded about the commands themselves.
 */
@Configuration(proxyBeanMethods = false)
public class CommandCounter {

    private static final AtomicLong STARTED = new AtomicLong();

    /** Commands started since the service started (all threads). */
    public static long started() {
        return STARTED.get();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer commandCounting() {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                STARTED.incrementAndGet();
            }
        };
        return settings -> settings.addCommandListener(listener);
    }
}

package org.peerpath.database;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Schema introspection is on in demo mode and off with a real database; only trusted documents run with a real
 * database, any document in demo mode. Added as lowest-priority defaults, so an operator can still set each
 * property explicitly. Spring's own GraphiQL page is off in both modes: it loads GraphiQL from a CDN, so it never
 * works without a network; demo mode serves PeerPath's own page from the jar instead ({@code demo.GraphiqlPage}).
 */
class DemoModeDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demo = ConditionalOnDemoMode.DemoModeCondition.isDemoMode(environment);
        environment.getPropertySources().addLast(new MapPropertySource("peerpathModeDefaults", Map.of(
                "spring.graphql.graphiql.enabled", false,
                "spring.graphql.schema.introspection.enabled", demo,
                "peerpath.graphql.trusted-documents-only", !demo)));
    }
}

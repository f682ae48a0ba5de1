package org.peerpath.database;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * GraphiQL and schema introspection are on in demo mode and off with a real database; only trusted documents run
 * with a real database, any document in demo mode. Added as lowest-priority defaults, so an operator can still set
 * each property explicitly.
 */
class DemoModeDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demo = ConditionalOnDemoMode.DemoModeCondition.isDemoMode(environment);
        environment.getPropertySources().addLast(new MapPropertySource("peerpathModeDefaults", Map.of(
                "spring.graphql.graphiql.enabled", demo,
                "spring.graphql.schema.introspection.enabled", demo,
                "peerpath.graphql.trusted-documents-only", !demo)));
    }
}

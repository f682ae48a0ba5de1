package org.peerpath.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allowed origins as the service binds them from its properties (an unset variable means none). */
class CorsSettingsTest {

    @Test
    void anUnsetVariableAllowsNoOrigin() {
        assertThat(bind("").allowedOrigins()).isEmpty();
    }

    @Test
    void originsAreCommaSeparated() {
        assertThat(bind("https://app.agency.example,http://localhost:5173").allowedOrigins())
                .containsExactly("https://app.agency.example", "http://localhost:5173");
    }

    @Test
    void aWildcardOrAPathIsRefusedWithTheSettingNamed() {
        for (String origin : List.of("*", "https://*.agency.example", "https://app.agency.example/graphql",
                "app.agency.example")) {
            assertThatThrownBy(() -> bind(origin)).as(origin).rootCause()
                    .hasMessageContaining("peerpath.cors.allowed-origins");
        }
    }

    private static CorsSettings bind(String origins) {
        return new Binder(new MapConfigurationPropertySource(Map.of("peerpath.cors.allowed-origins", origins)))
                .bindOrCreate("peerpath.cors", CorsSettings.class);
    }
}

package org.peerpath.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import org.peerpath.PeerPathApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Production mode: a real database URI. Without an identity provider the service must refuse to start; with
 * one, the demo sign-in, GraphiQL and introspection do not exist. These start their own application on
 * purpose (a different mode cannot share the integration tests' context). Settings are passed as command-line
 * arguments, which outrank application.properties as environment variables do.
 */
class ProductionModeTest {

    @Test
    void refusesToStartWithARealDatabaseAndNoIdentityProvider() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(PeerPathApplication.class)
                .run("--peerpath.mongodb.uri=mongodb://127.0.0.1:9/peerpath", "--server.port=0",
                        "--peerpath.identity.firebase-project-id=", "--peerpath.identity.oidc-issuer-uri=")
                .close());
        assertThat(failure).isNotNull();
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
                .contains("no identity provider is configured", "FIREBASE_PROJECT_ID");
    }

    @Test
    void withFirebaseConfiguredThereIsNoDemoSignInGraphiqlOrIntrospection() throws Exception {
        MongoServer external = new MongoServer(H2Backend.inMemory());
        String uri = "mongodb://127.0.0.1:" + external.bind().getPort() + "/peerpath";
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PeerPathApplication.class)
                .run("--peerpath.mongodb.uri=" + uri, "--server.port=0",
                        "--peerpath.identity.firebase-project-id=peerpath-test")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> demoToken = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/auth/demo-token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"admin\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(demoToken.statusCode()).isIn(401, 404);
            assertThat(demoToken.body()).doesNotContain("\"token\"");
            HttpResponse<String> graphiql = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/graphiql")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(graphiql.statusCode()).isIn(401, 404);
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/graphql")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __schema { types { name } } }\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(app.getEnvironment().getProperty("spring.graphql.schema.introspection.enabled"))
                    .isEqualTo("false");
            assertThat(app.getBeanNamesForType(DemoTokens.class)).isEmpty();
        }
        finally {
            external.shutdownNow();
        }
    }
}

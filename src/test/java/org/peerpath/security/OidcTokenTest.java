package org.peerpath.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import org.peerpath.PeerPathApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Production mode with a generic OIDC issuer (a local discovery document and key set served by this test): a
 * token is accepted only from that issuer, for PeerPath's audience, with an unexpired {@code exp}. The service
 * runs in its own application on the system clock (production's clock), so tokens are minted against it.
 */
class OidcTokenTest {

    private static final String AUDIENCE = "peerpath-api";
    private static final String STAFF_ID = "7d0c2a52-2f5e-4a4e-9a57-0f3c2b1d9e01";
    private static final String ORGANIZATION_ID = "1b7e4c1e-8a3f-4f0e-b7a2-5c6d7e8f9a02";

    /** The production application's own clock bean (the system clock): the tokens' times are relative to it. */
    private static Clock serviceClock() {
        return app.getBean(Clock.class);
    }

    private static KeyPair keys;
    private static HttpServer issuer;
    private static String issuerUri;
    private static MongoServer database;
    private static ConfigurableApplicationContext app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuerUri = "http://127.0.0.1:" + issuer.getAddress().getPort();
        String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID("k1").build())
                .toString();
        serve("/.well-known/openid-configuration",
                "{\"issuer\":\"" + issuerUri + "\",\"jwks_uri\":\"" + issuerUri + "/jwks\","
                        + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        serve("/jwks", jwks);
        issuer.start();

        database = new MongoServer(H2Backend.inMemory());
        String uri = "mongodb://127.0.0.1:" + database.bind().getPort() + "/peerpath";
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase("peerpath");
            db.getCollection("identities").insertOne(new Document("_id", "oidc-admin").append("personId", STAFF_ID)
                    .append("kind", "STAFF").append("organizationId", ORGANIZATION_ID));
            db.getCollection("staff").insertOne(new Document("_id", STAFF_ID).append("organizationId", ORGANIZATION_ID)
                    .append("firstName", "Olive").append("lastName", "Admin").append("role", "ADMIN")
                    .append("active", true).append("version", 0L));
        }
        app = new SpringApplicationBuilder(PeerPathApplication.class).run("--peerpath.mongodb.uri=" + uri,
                "--server.port=0", "--peerpath.identity.firebase-project-id=",
                "--peerpath.identity.oidc-issuer-uri=" + issuerUri, "--peerpath.identity.oidc-audience=" + AUDIENCE,
                "--peerpath.firebase.enabled=false", "--peerpath.outreach.schedule.enabled=false",
                "--peerpath.reminders.scheduling.enabled=false");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.shutdownNow();
        }
        if (issuer != null) {
            issuer.stop(0);
        }
    }

    @Test
    void aTokenForPeerPathsAudienceIsAccepted() throws Exception {
        HttpResponse<String> response = ask(token(claims().audience(AUDIENCE)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("Olive Admin");
    }

    @Test
    void aTokenMintedForAnotherApplicationIsRefused() throws Exception {
        assertThat(ask(token(claims().audience("some-other-app"))).statusCode()).isEqualTo(401);
        assertThat(ask(token(claims().audience(List.of("some-other-app", "yet-another")))).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aTokenWithoutAudienceIsRefused() throws Exception {
        assertThat(ask(token(claims())).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        Instant now = serviceClock().instant();
        JWTClaimsSet.Builder noExpiry = new JWTClaimsSet.Builder().issuer(issuerUri).subject("oidc-admin")
                .issueTime(Date.from(now)).audience(AUDIENCE);
        assertThat(ask(token(noExpiry)).statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheSmallLeeway() throws Exception {
        Instant now = serviceClock().instant();
        JWTClaimsSet.Builder expired = claims().audience(AUDIENCE)
                .expirationTime(Date.from(now.minus(TokenRules.CLOCK_SKEW).minusSeconds(5)));
        assertThat(ask(token(expired)).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        assertThat(ask(token(claims().audience(AUDIENCE).issuer("https://elsewhere.example"))).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anIssuerWithoutAnAudienceRefusesToStart() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(PeerPathApplication.class)
                .run("--peerpath.mongodb.uri=mongodb://127.0.0.1:9/peerpath", "--server.port=0",
                        "--peerpath.identity.firebase-project-id=", "--peerpath.identity.oidc-issuer-uri=" + issuerUri,
                        "--peerpath.identity.oidc-audience=")
                .close());
        assertThat(failure).isNotNull();
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
                .contains("PEERPATH_OIDC_AUDIENCE");
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = serviceClock().instant();
        return new JWTClaimsSet.Builder().issuer(issuerUri).subject("oidc-admin").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    private static String token(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static HttpResponse<String> ask(String token) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { displayName } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void serve(String path, String json) {
        issuer.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}

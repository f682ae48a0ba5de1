package org.peerpath;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service in production mode, once per test JVM: a real database URI (an embedded server of its own, on a port,
 * as an external one would be), a generic OIDC issuer served by this fixture (discovery document and key set), and an
 * administrator whose sign-in subject is {@value #SUBJECT}. A different mode cannot share the integration tests'
 * context; sharing this one keeps production-mode tests to one extra start. Its clock is production's (the system
 * clock bean), so tokens are minted against it.
 */
public final class ProductionService {

    public static final String AUDIENCE = "peerpath-api";

    public static final String SUBJECT = "oidc-admin";

    static final String STAFF_ID = "7d0c2a52-2f5e-4a4e-9a57-0f3c2b1d9e01";

    static final String ORGANIZATION_ID = "1b7e4c1e-8a3f-4f0e-b7a2-5c6d7e8f9a02";

    private static ProductionService shared;

    private final KeyPair keys;

    private final String issuerUri;

    private final ConfigurableApplicationContext app;

    private final int port;

    private ProductionService(KeyPair keys, String issuerUri, ConfigurableApplicationContext app) {
        this.keys = keys;
        this.issuerUri = issuerUri;
        this.app = app;
        this.port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** The one production-mode service of this JVM, started on first use. */
    public static synchronized ProductionService shared() throws Exception {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static ProductionService start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuerUri = "http://127.0.0.1:" + issuer.getAddress().getPort();
        String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID("k1").build()).toString();
        serve(issuer, "/.well-known/openid-configuration",
                "{\"issuer\":\"" + issuerUri + "\",\"jwks_uri\":\"" + issuerUri + "/jwks\","
                        + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        serve(issuer, "/jwks", jwks);
        issuer.start();

        MongoServer database = new MongoServer(H2Backend.inMemory());
        String uri = "mongodb://127.0.0.1:" + database.bind().getPort() + "/peerpath";
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase("peerpath");
            db.getCollection("identities").insertOne(new Document("_id", SUBJECT).append("personId", STAFF_ID)
                    .append("kind", "STAFF").append("organizationId", ORGANIZATION_ID));
            db.getCollection("staff").insertOne(new Document("_id", STAFF_ID).append("organizationId", ORGANIZATION_ID)
                    .append("firstName", "Olive").append("lastName", "Admin").append("role", "ADMIN")
                    .append("active", true).append("version", 0L));
        }
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeerPathApplication.class).run(
                "--peerpath.mongodb.uri=" + uri, "--server.port=0", "--peerpath.identity.firebase-project-id=",
                "--peerpath.identity.oidc-issuer-uri=" + issuerUri, "--peerpath.identity.oidc-audience=" + AUDIENCE,
                "--peerpath.firebase.enabled=false", "--peerpath.outreach.schedule.enabled=false",
                "--peerpath.reminders.scheduling.enabled=false");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            database.shutdownNow();
            issuer.stop(0);
        }));
        return new ProductionService(keys, issuerUri, app);
    }

    public int port() {
        return port;
    }

    public String issuerUri() {
        return issuerUri;
    }

    /** The production application's own clock bean (the system clock): tokens' times are relative to it. */
    public Clock clock() {
        return app.getBean(Clock.class);
    }

    /** Claims of a valid token for the administrator, but for the audience, valid for ten minutes. */
    public JWTClaimsSet.Builder claims() {
        Instant now = clock().instant();
        return new JWTClaimsSet.Builder().issuer(issuerUri).subject(SUBJECT).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    /** A valid token for the administrator, for PeerPath's audience. */
    public String token() throws Exception {
        return token(claims().audience(AUDIENCE));
    }

    /** The claims signed with the issuer's key. */
    public String token(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    /** POSTs a JSON body to /graphql with the token. */
    public HttpResponse<String> post(String token, String json) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static void serve(HttpServer issuer, String path, String json) {
        issuer.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}

package org.peerpath.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import org.peerpath.database.ConditionalOnDemoMode;
import org.peerpath.database.DatabaseSettings;

/**
 * Demo mode's own identity provider: RS256 tokens signed with a key generated once into the data directory,
 * so tokens survive a restart. Production never has this bean.
 */
@Component
@ConditionalOnDemoMode
public class DemoTokens {

    static final String ISSUER = "peerpath-demo";
    static final String AUDIENCE = "peerpath";
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final KeyPair keys;
    private final NimbusJwtEncoder encoder;
    private final Clock clock;

    DemoTokens(DatabaseSettings settings, Clock clock) {
        this.keys = loadOrCreate(settings.dataDir().resolve("demo-signing-key.der"));
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey(keys.getPrivate())
                .keyID("peerpath-demo").build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
        this.clock = clock;
    }

    /** A signed token whose subject is the demo login. */
    public String issue(String login) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(login)
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("peerpath-demo").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    JwtDecoder decoder(Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        decoder.setJwtValidator(TokenRules.of(ISSUER, AUDIENCE, clock));
        return decoder;
    }

    private static KeyPair loadOrCreate(Path file) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(file)) {
                RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
                RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                        new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                return new KeyPair(publicKey, privateKey);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair created = generator.generateKeyPair();
            Files.createDirectories(file.getParent());
            Files.write(file, created.getPrivate().getEncoded());
            return created;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or write the demo signing key " + file, ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot load the demo signing key " + file, ex);
        }
    }
}

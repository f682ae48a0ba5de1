package org.peerpath.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Trusted documents (issue 13): the operations the phone apps send are the files of {@code mobile-contract/}, packaged
 * into the jar at build time; their SHA-256 hashes form the manifest. A request names its document by hash, in
 * Apollo's persisted-query extension ({@code "extensions": {"persistedQuery": {"version": 1, "sha256Hash": ...}}},
 * with or without the text), or sends the full text. When enforced (production, unless switched off) only manifest
 * documents run: an unknown hash is {@code PERSISTED_QUERY_NOT_FOUND}, any other text {@code DOCUMENT_NOT_TRUSTED}.
 * A hash that does not match the text sent with it is {@code VALIDATION}. Manifest documents are parsed and validated
 * once and kept.
 */
public final class TrustedDocuments implements PreparsedDocumentProvider {

    private static final Logger log = LoggerFactory.getLogger(TrustedDocuments.class);

    /** Apollo clients look for this message and code to resend the full text (when that is allowed). */
    static final String NOT_FOUND_MESSAGE = "PersistedQueryNotFound";

    private final Map<String, String> manifest;

    private final boolean enforced;

    private final Map<String, PreparsedDocumentEntry> parsed = new ConcurrentHashMap<>();

    TrustedDocuments(Map<String, String> manifest, boolean enforced) {
        this.manifest = Map.copyOf(manifest);
        this.enforced = enforced;
    }

    /** The manifest of every {@code mobile-contract/**}{@code /*.graphql} on the classpath, by hash. */
    static TrustedDocuments fromClasspath(boolean enforced) {
        Map<String, String> manifest = new LinkedHashMap<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:mobile-contract/**/*.graphql")) {
                String text = file.getContentAsString(StandardCharsets.UTF_8);
                manifest.put(sha256(text), text);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The trusted documents (mobile-contract/) could not be read.", ex);
        }
        if (manifest.isEmpty() && enforced) {
            throw new IllegalStateException("No trusted documents (mobile-contract/) in the build, yet only trusted "
                    + "documents may run: every request would be refused.");
        }
        if (enforced) {
            log.info("Trusted documents: {} operations from mobile-contract/; no other document runs.", manifest.size());
        }
        else {
            log.warn("Trusted documents are NOT enforced: any GraphQL document runs (demo mode, or "
                    + "peerpath.graphql.trusted-documents-only=false).");
        }
        return new TrustedDocuments(manifest, enforced);
    }

    /** Hex SHA-256 of the document's UTF-8 text, as Apollo clients compute it. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    Map<String, String> manifest() {
        return manifest;
    }

    boolean enforced() {
        return enforced;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String text = input.getQuery();
        boolean withText = text != null && !text.isBlank() && !PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(text);
        String hash = persistedQueryHash(input);
        if (hash != null) {
            if (withText && !sha256(text).equalsIgnoreCase(hash)) {
                return refuse(ErrorCode.VALIDATION.name(), "The persisted query's sha256Hash is not the hash of the "
                        + "document sent with it.");
            }
            String trusted = manifest.get(hash.toLowerCase(Locale.ROOT));
            if (trusted != null) {
                return CompletableFuture.completedFuture(parsed.computeIfAbsent(trusted,
                        document -> parseAndValidate.apply(input.transform(b -> b.query(document)))));
            }
            if (!withText) {
                return refuse("PERSISTED_QUERY_NOT_FOUND", NOT_FOUND_MESSAGE);
            }
        }
        else if (!withText) {
            return refuse(ErrorCode.VALIDATION.name(), "Send a GraphQL document in 'query', or its hash in "
                    + "extensions.persistedQuery.sha256Hash.");
        }
        String trusted = manifest.get(sha256(text));
        if (trusted != null) {
            return CompletableFuture.completedFuture(parsed.computeIfAbsent(trusted, document -> parseAndValidate
                    .apply(input)));
        }
        if (enforced) {
            return refuse("DOCUMENT_NOT_TRUSTED", "This service runs only the operations of the PeerPath apps "
                    + "(trusted documents); this document is not one of them.");
        }
        return CompletableFuture.completedFuture(parseAndValidate.apply(input));
    }

    private static String persistedQueryHash(ExecutionInput input) {
        if (input.getExtensions() != null && input.getExtensions().get("persistedQuery") instanceof Map<?, ?> persisted
                && persisted.get("sha256Hash") instanceof String hash && !hash.isBlank()) {
            return hash;
        }
        return null;
    }

    private static CompletableFuture<PreparsedDocumentEntry> refuse(String code, String message) {
        return CompletableFuture.completedFuture(new PreparsedDocumentEntry(GraphqlErrorBuilder.newError()
                .errorType(graphql.ErrorType.ValidationError)
                .message(message).extensions(Map.of("code", code)).build()));
    }
}

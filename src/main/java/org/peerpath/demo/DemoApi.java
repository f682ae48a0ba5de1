package org.peerpath.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

import org.peerpath.database.ConditionalOnDemoMode;
import org.peerpath.security.DemoTokens;

/**
 * An in-process GraphQL client for seeding the demo: runs the apps' own operations (the files of
 * {@code mobile-contract/<app>/}, packaged in the jar) through Spring for GraphQL's execution service, signed in as
 * a demo login exactly as over HTTP (a demo token, decoded and turned into the signed-in person by the same
 * converter). So every check, rule, billing evaluation and audit entry applies to demo data as to the phone's.
 */
@Component
@ConditionalOnDemoMode
class DemoApi {

    /** Seeding runs before readiness; an answer slower than this on a loaded machine means something is wrong. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ExecutionGraphQlService graphQl;
    private final DemoTokens tokens;
    private final JwtDecoder decoder;
    private final Converter<Jwt, ? extends AbstractAuthenticationToken> viewers;
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
    private final Map<String, String> documents = new ConcurrentHashMap<>();

    DemoApi(ExecutionGraphQlService graphQl, DemoTokens tokens, JwtDecoder decoder,
            Converter<Jwt, ? extends AbstractAuthenticationToken> viewers) {
        this.graphQl = graphQl;
        this.tokens = tokens;
        this.decoder = decoder;
        this.viewers = viewers;
    }

    /** Runs {@code app/operation} (e.g. {@code coach/logContact}) as {@code login}; its data, or an exception. */
    Answer run(String login, String operation, Map<String, Object> variables) {
        String document = documents.computeIfAbsent(operation, DemoApi::read);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(viewers.convert(decoder.decode(tokens.issue(login))));
        SecurityContextHolder.setContext(context);
        try {
            // The signed-in person reaches the controllers as over HTTP: on this thread, and in the context
            // Spring for GraphQL restores wherever a data fetcher runs.
            ContextSnapshot signedIn = snapshots.captureAll();
            String name = operation.substring(operation.indexOf('/') + 1);
            ExecutionGraphQlResponse response = graphQl.execute(new DefaultExecutionGraphQlRequest(document, name,
                    variables, Map.of(), "demo-" + name, Locale.US))
                    .contextWrite(signedIn::updateContext)
                    .block(TIMEOUT);
            if (response == null) {
                throw new IllegalStateException("Demo seeding: " + operation + " as " + login + " got no answer");
            }
            if (!response.getErrors().isEmpty()) {
                throw new Refused(String.valueOf(response.getErrors().get(0).getExtensions().get("code")),
                        "Demo seeding: " + operation + " as " + login + " answered " + response.getErrors().stream()
                                .map(e -> e.getMessage() + " " + e.getExtensions())
                                .collect(Collectors.joining("; ")));
            }
            return new Answer(response.getData());
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** An operation answered with an error; {@code code} is its {@code extensions.code}. */
    static final class Refused extends RuntimeException {

        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private static String read(String operation) {
        try {
            return new ClassPathResource("mobile-contract/" + operation + ".graphql")
                    .getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The demo needs mobile-contract/" + operation + ".graphql in the jar", ex);
        }
    }

    /** An answer's data, read by dotted paths ({@code logContact.contact.status}). */
    record Answer(Object data) {

        Object at(String path) {
            Object node = data;
            for (String key : path.split("\\.")) {
                node = node instanceof Map<?, ?> map ? map.get(key) : null;
            }
            return node;
        }

        String text(String path) {
            Object value = at(path);
            return value == null ? null : value.toString();
        }

        long number(String path) {
            return ((Number) at(path)).longValue();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String path) {
            Object value = at(path);
            return value == null ? List.of() : (List<Map<String, Object>>) value;
        }
    }
}

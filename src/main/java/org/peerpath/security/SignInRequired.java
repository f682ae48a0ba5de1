package org.peerpath.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import org.peerpath.graphql.ErrorCode;
import org.peerpath.graphql.RequestIds;

/**
 * What a request without a valid sign-in gets (no token, an expired, forged or malformed one, or a token whose
 * subject is no one's sign-in): HTTP 401 with RFC 6750's {@code WWW-Authenticate} header, written by Spring
 * Security's {@link BearerTokenAuthenticationEntryPoint}, and a body a client can read. On {@code /graphql} that
 * body is a GraphQL-over-HTTP response whose one error has {@code extensions.code = UNAUTHENTICATED} (and the
 * request's {@code requestId}), so a GraphQL client handles it like any other error; elsewhere it is the small
 * JSON object every other HTTP error has. The message says whether a token was missing or refused, nothing about
 * why it was refused.
 */
final class SignInRequired implements AuthenticationEntryPoint {

    static final String NO_TOKEN = "Sign in first: send the header Authorization: Bearer <token>.";
    static final String TOKEN_REFUSED = "The token was not accepted (expired, not ours, or malformed): sign in again.";

    private static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException refusal) throws IOException {
        bearer.commence(request, response, refusal); // 401 and WWW-Authenticate
        String body;
        if ("/graphql".equals(request.getRequestURI())) {
            String message = refusal instanceof OAuth2AuthenticationException ? TOKEN_REFUSED : NO_TOKEN;
            Object requestId = request.getAttribute(RequestIds.KEY);
            body = "{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\""
                    + ErrorCode.UNAUTHENTICATED.name() + "\""
                    + (requestId instanceof String id ? ",\"requestId\":\"" + id + "\"" : "") + "}}]}";
            response.setContentType(acceptsGraphQlResponse(request) ? GRAPHQL_RESPONSE.toString()
                    : MediaType.APPLICATION_JSON_VALUE);
        }
        else {
            body = "{\"status\":401,\"error\":\"Unauthorized\"}";
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** GraphQL over HTTP: answer in the newer media type only to a client that asks for it. */
    private static boolean acceptsGraphQlResponse(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.equalsTypeAndSubtype(GRAPHQL_RESPONSE));
        }
        catch (org.springframework.http.InvalidMediaTypeException ex) {
            return false;
        }
    }
}

package org.peerpath.graphql;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One id per HTTP request, on every log line written while it is served ({@code requestId} in the MDC: in the
 * JSON of structured logs, and in the plain pattern), in the {@code X-Request-Id} response header and in every
 * GraphQL error's {@code extensions.requestId}, so an operator finds the lines of the request a user reports.
 * A caller's (or load balancer's) {@code X-Request-Id} is kept when it is a short plain token; otherwise, and
 * when absent, a new one is made. It runs before security, so refusals (401) carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "requestId";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final Logger log = LoggerFactory.getLogger(RequestIds.class);

    /** The id of the request being served, or null outside a request. */
    public static String of(java.util.Map<String, Object> requestAttributes) {
        Object id = requestAttributes.get(KEY);
        return id instanceof String text ? text : null;
    }

    /** GraphQL over HTTP answers asynchronously: the dispatch that writes the answer is part of the request. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = (String) request.getAttribute(KEY); // set already when this is the async dispatch
        if (id == null) {
            String given = request.getHeader(HEADER);
            id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
            request.setAttribute(KEY, id);
            response.setHeader(HEADER, id);
        }
        MDC.put(KEY, id);
        try {
            chain.doFilter(request, response);
        }
        finally {
            if (!request.isAsyncStarted() && !request.getRequestURI().startsWith("/actuator/health")) {
                // Method, path and status only: never a query string, a body or a header.
                log.info("{} {} answered {}", request.getMethod(), request.getRequestURI(), response.getStatus());
            }
            MDC.remove(KEY);
        }
    }
}

package org.peerpath.graphql;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What reaches the GraphQL endpoint is a JSON object of bounded size: anything else is answered here with a
 * 4xx and a JSON body (415 for a missing, wildcard or non-JSON content type; 413 over
 * {@code peerpath.graphql.max-body-size}, 256 KB unless configured; 400 for a body that is not a JSON object, such as {@code null}), never with a server error. The
 * body is read once, within the bound, and handed on.
 */
@Component
class GraphQlHttpGate extends OncePerRequestFilter {

    private final int maxBodyBytes;

    GraphQlHttpGate(QueryLimitSettings settings) {
        this.maxBodyBytes = Math.toIntExact(settings.maxBodySize().toBytes());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/graphql".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isJson(request.getContentType())) {
            refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the request as Content-Type: application/json.");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse(response, HttpStatus.CONTENT_TOO_LARGE, "The request body must be at most " + maxBodyBytes
                    + " bytes.");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            refuse(response, HttpStatus.CONTENT_TOO_LARGE, "The request body must be at most " + maxBodyBytes
                    + " bytes.");
            return;
        }
        if (!startsAnObject(body)) {
            refuse(response, HttpStatus.BAD_REQUEST,
                    "The request body must be a JSON object such as {\\\"query\\\": \\\"{ me { id } }\\\"}.");
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype()
                    && (MediaType.APPLICATION_JSON.includes(type) || type.getSubtype().endsWith("+json"));
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
    }

    private static boolean startsAnObject(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(("{\"error\":\"" + message + "\",\"status\":" + status.value() + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read.");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}

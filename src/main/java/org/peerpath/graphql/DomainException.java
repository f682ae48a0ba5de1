package org.peerpath.graphql;

import java.util.Map;

/**
 * An expected failure the client must be told about, with a stable {@link ErrorCode} and a message a person
 * understands. Anything else thrown from a data fetcher becomes a generic {@link ErrorCode#INTERNAL} error.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;

    public DomainException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public DomainException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public static DomainException validation(String message) {
        return new DomainException(ErrorCode.VALIDATION, message);
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " was not found.");
    }

    public static DomainException forbidden(String message) {
        return new DomainException(ErrorCode.FORBIDDEN, message);
    }

    public static DomainException conflict(String message, Map<String, Object> details) {
        return new DomainException(ErrorCode.CONFLICT, message, details);
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra machine-readable facts, e.g. the current version on a conflict. */
    public Map<String, Object> details() {
        return details;
    }
}

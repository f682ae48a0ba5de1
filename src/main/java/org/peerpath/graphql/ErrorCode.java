package org.peerpath.graphql;

/** The stable codes clients read from {@code extensions.code}. Never renamed once shipped. */
public enum ErrorCode {
    /** The input is malformed or breaks a rule; nothing was written. */
    VALIDATION,
    /** The record does not exist or the caller may not see it (the two are indistinguishable on purpose). */
    NOT_FOUND,
    /** The caller's role may not perform this operation at all. */
    FORBIDDEN,
    /** The record changed since the client read it, or a client id was reused for different content. */
    CONFLICT,
    /** No valid sign-in. */
    UNAUTHENTICATED,
    /** The query is deeper or more complex than the service accepts. */
    QUERY_TOO_COMPLEX,
    /** Too many requests from one user (or, for the demo sign-in, one address); retry after the seconds given. */
    RATE_LIMITED,
    /** An unexpected failure; the message carries an id to find it in the log. */
    INTERNAL
}

package org.peerpath.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key values of the last row seen, never a class name or an offset.
 * A cursor that does not decode is a validation error, not an internal one.
 */
public final class Cursor {

    private static final String SEPARATOR = "\u001f";
    private static final String PREFIX = "pp1" + SEPARATOR;

    private Cursor() {
    }

    public static String encode(String... keys) {
        String joined = PREFIX + String.join(SEPARATOR, keys);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The keys of a cursor made by {@link #encode}, exactly {@code arity} of them. */
    public static List<String> decode(String cursor, int arity) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (joined.startsWith(PREFIX)) {
                String[] keys = joined.substring(PREFIX.length()).split(SEPARATOR, -1);
                if (keys.length == arity) {
                    return Arrays.asList(keys);
                }
            }
        }
        catch (IllegalArgumentException ex) {
            // not Base64: falls through to the validation error
        }
        throw DomainException.validation("The cursor 'after' is not one this service issued.");
    }
}

package org.peerpath.graphql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorAndIdsTest {

    @Test
    void cursorRoundTripsItsKeysOpaquely() {
        String cursor = Cursor.encode("rivers jordan", "5b0c8f7e-0000-4000-8000-000000000000");
        assertThat(cursor).doesNotContain("rivers", "{", "java");
        assertThat(Cursor.decode(cursor, 2)).containsExactly("rivers jordan", "5b0c8f7e-0000-4000-8000-000000000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%%%", "bm90LWEtY3Vyc29y", "cHAxH29uZQ"})
    void foreignOrMalformedCursorsAreValidationErrors(String cursor) {
        assertThatThrownBy(() -> Cursor.decode(cursor, 2)).isInstanceOfSatisfying(DomainException.class,
                ex -> assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "1-1-1-1-1", "5b0c8f7e00004000800000000000000", "not a uuid"})
    void idsMustBeCanonicalUuids(String id) {
        assertThatThrownBy(() -> Ids.require(id, "id")).isInstanceOf(DomainException.class)
                .hasMessageContaining("must be a UUID");
    }

    @Test
    void uppercaseUuidsAreAcceptedInCanonicalForm() {
        assertThat(Ids.require("5B0C8F7E-0000-4000-8000-00000000000A", "id"))
                .isEqualTo("5b0c8f7e-0000-4000-8000-00000000000a");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void pageSizeOutsideZeroToHundredIsRejected(int first) {
        assertThatThrownBy(() -> PageRequest.of(first, null, 20)).isInstanceOf(DomainException.class);
    }
}

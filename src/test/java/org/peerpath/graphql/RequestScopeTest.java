package org.peerpath.graphql;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A request scope is open only while its query runs: closed (no parts, features read and write as before) until
 * then and after, its parts made once per query and finished before the answer, even when finishing fails.
 */
class RequestScopeTest {

    /** A part that notes when it is finished. */
    static final class Noting implements RequestScope.BeforeAnswer {

        final List<String> finished = new ArrayList<>();

        @Override
        public void beforeAnswer() {
            finished.add("finished");
        }
    }

    @Test
    void aClosedScopeHasNoParts() {
        assertThat(new RequestScope().part(Noting.class, Noting::new)).isEmpty();
    }

    @Test
    void aQueryMakesEachPartOnceAndFinishesItOnce() {
        RequestScope scope = new RequestScope();
        assertThat(scope.begin()).isTrue();
        assertThat(scope.begin()).as("a second query with the same holder at once").isFalse();
        Noting part = scope.part(Noting.class, Noting::new).orElseThrow();
        assertThat(scope.part(Noting.class, Noting::new)).containsSame(part);
        scope.finish();
        assertThat(part.finished).containsExactly("finished");
        assertThat(scope.part(Noting.class, Noting::new)).isEmpty();

        assertThat(scope.begin()).as("the next query starts afresh").isTrue();
        assertThat(scope.part(Noting.class, Noting::new).orElseThrow()).isNotSameAs(part);
    }

    @Test
    void aFailureToFinishStillClosesTheScope() {
        RequestScope scope = new RequestScope();
        scope.begin();
        scope.part(RequestScope.BeforeAnswer.class, () -> () -> {
            throw new IllegalStateException("the audit store is down");
        });
        assertThatThrownBy(scope::finish).hasMessage("the audit store is down");
        assertThat(scope.part(Noting.class, Noting::new)).isEmpty();
    }
}

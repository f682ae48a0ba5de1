package org.peerpath.contacts;

import com.mongodb.MongoInterruptedException;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.UncategorizedMongoDbException;

import static org.assertj.core.api.Assertions.assertThat;

/** A shutdown during a long reconciliation is told apart from a failure (logged as information, not an error). */
class ReconciliationScheduleTest {

    @Test
    void theDriversInterruptionAsSpringTranslatesItIsAShutdown() {
        // As the driver and Spring's translation throw it when the context closes mid-run.
        RuntimeException translated = new UncategorizedMongoDbException("Interrupted waiting for lock",
                new MongoInterruptedException("Interrupted waiting for lock", new InterruptedException()));
        assertThat(ReconciliationSchedule.interruption(translated)).isTrue();
    }

    @Test
    void anyOtherFailureIsNot() {
        assertThat(ReconciliationSchedule.interruption(new UncategorizedMongoDbException("Unable to read the page",
                new IllegalStateException("Could not deserialize")))).isFalse();
        assertThat(ReconciliationSchedule.interruption(new IllegalStateException("kept changing"))).isFalse();
    }
}

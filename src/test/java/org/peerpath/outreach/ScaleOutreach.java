package org.peerpath.outreach;

import java.time.Instant;

import org.springframework.context.ApplicationContext;

/** The outreach job as the scheduler runs it, for the scale benchmark ({@code ScaleBenchmark}). */
public final class ScaleOutreach {

    private ScaleOutreach() {
    }

    /** Tasks opened for the newly disengaged at {@code now}. */
    public static int openTasks(ApplicationContext context, Instant now) {
        return context.getBean(OutreachTasks.class).openTasksForNewlyDisengaged(now);
    }
}

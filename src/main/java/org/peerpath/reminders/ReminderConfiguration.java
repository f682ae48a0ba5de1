package org.peerpath.reminders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Which sender pushes go through, and the clock that runs the schedule.
 *
 * <p>Firebase is used when {@code peerpath.firebase.enabled=true}, or, when that property is not set, when
 * {@code GOOGLE_APPLICATION_CREDENTIALS} is present and the service runs on a real database (not demo mode).
 * Otherwise, and always when {@code peerpath.firebase.enabled=false}, the {@link RecordingNotificationSender}.
 */
@Configuration(proxyBeanMethods = false)
class ReminderConfiguration {

    static final String FIREBASE_APP_NAME = "peerpath-messaging";

    @Configuration(proxyBeanMethods = false)
    @Conditional(FirebaseConfigured.class)
    static class Firebase {

        @Bean(destroyMethod = "delete")
        FirebaseApp peerPathFirebaseApp(FirebaseSettings firebase) {
            String projectId = firebase.projectId();
            try {
                FirebaseOptions.Builder options = FirebaseOptions.builder()
                        .setCredentials(GoogleCredentials.getApplicationDefault());
                if (!projectId.isBlank()) {
                    options.setProjectId(projectId);
                }
                return FirebaseApp.initializeApp(options.build(), FIREBASE_APP_NAME);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Firebase credentials could not be read", ex);
            }
        }

        @Bean
        NotificationSender firebaseNotificationSender(FirebaseApp app, Clock clock) {
            return new FirebaseNotificationSender(FirebaseMessaging.getInstance(app), clock);
        }
    }

    @Bean
    @ConditionalOnMissingBean(NotificationSender.class)
    NotificationSender recordingNotificationSender() {
        return new RecordingNotificationSender();
    }

    /**
     * Runs the schedule and the supervisor alerts every {@code peerpath.reminders.interval} (five minutes by
     * default), the first time a minute after the start or once the service is ready, whichever is later; tests
     * switch it off and call {@link ReminderJob#run} and {@link SupervisorAlerts#run} themselves.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "peerpath.reminders.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class Scheduling implements SchedulingConfigurer {

        private final ReminderJob job;
        private final SupervisorAlerts alerts;
        private final Clock clock;
        private final ReminderJobSettings settings;
        private final ApplicationAvailability availability;

        Scheduling(ReminderJob job, SupervisorAlerts alerts, Clock clock, ReminderJobSettings settings,
                ApplicationAvailability availability) {
            this.availability = availability;
            this.job = job;
            this.alerts = alerts;
            this.clock = clock;
            this.settings = settings;
        }

        @Override
        public void configureTasks(ScheduledTaskRegistrar registrar) {
            registrar.addFixedDelayTask(new FixedDelayTask(this::run, settings.interval(), Duration.ofMinutes(1)));
        }

        void run() {
            // Not before the service is ready: in demo mode the demo's day of work is written first (a pass in
            // between would find its clients without their visits), and its seeding runs the job itself.
            if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
                return;
            }
            job.run(clock.instant());
            alerts.run(clock.instant());
        }
    }

    static class FirebaseConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            // Read as FirebaseSettings binds it (true/false, on/off, yes/no), so the two never disagree.
            Boolean explicit = Binder.get(context.getEnvironment()).bind("peerpath.firebase.enabled", Boolean.class)
                    .orElse(null);
            if (explicit != null) {
                return explicit;
            }
            String credentials = context.getEnvironment().getProperty("GOOGLE_APPLICATION_CREDENTIALS");
            String mongoUri = context.getEnvironment().getProperty("peerpath.mongodb.uri");
            return credentials != null && !credentials.isBlank() && mongoUri != null && !mongoUri.isBlank();
        }
    }
}

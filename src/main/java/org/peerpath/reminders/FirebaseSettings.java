package org.peerpath.reminders;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Push notifications through Firebase Cloud Messaging (README, Push notifications). The credentials are Google's
 * Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}), never a setting of their own.
 *
 * @param enabled true sends through Firebase, false records pushes instead
 *        (PEERPATH_FIREBASE_ENABLED); unset: Firebase when GOOGLE_APPLICATION_CREDENTIALS is set
 *        and the service runs on a real database
 * @param projectId the Firebase project (FIREBASE_PROJECT_ID); unset: the credentials' project
 */
@Validated
@ConfigurationProperties("peerpath.firebase")
public record FirebaseSettings(
        Boolean enabled,
        @DefaultValue("") @Pattern(regexp = "|([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]",
                message = "must be a Firebase project id: 6 to 30 lowercase letters, digits or hyphens, starting with "
                        + "a letter") String projectId) {
}

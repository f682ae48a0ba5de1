package org.peerpath;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import org.peerpath.database.DatabaseSettings;
import org.peerpath.graphql.QueryLimitSettings;
import org.peerpath.outreach.OutreachSettings;
import org.peerpath.reminders.FirebaseSettings;
import org.peerpath.reminders.ReminderJobSettings;
import org.peerpath.security.IdentitySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every {@code peerpath.*} setting is a validated {@code @ConfigurationProperties} record: the defaults are the
 * documented ones, and a bad value stops the start with one line naming the setting (README, Configuration).
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({DatabaseSettings.class, IdentitySettings.class, QueryLimitSettings.class,
            OutreachSettings.class, ReminderJobSettings.class, FirebaseSettings.class})
    static class AllSettings {
    }

    private final ApplicationContextRunner settings = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(AllSettings.class);

    @Test
    void withNothingSetEverySettingHasItsDocumentedDefault() {
        settings.run(context -> {
            assertThat(context).hasNotFailed();
            DatabaseSettings database = context.getBean(DatabaseSettings.class);
            assertThat(database.mongodb().uri()).isEmpty();
            assertThat(database.mongodb().database()).isEqualTo("peerpath");
            assertThat(database.dataDir().normalize()).isEqualTo(Path.of("data"));
            assertThat(database.embeddedMongo().inMemory()).isFalse();
            assertThat(database.demo()).isNull();
            assertThat(context.getBean(IdentitySettings.class)).isEqualTo(new IdentitySettings("", "", ""));
            assertThat(context.getBean(QueryLimitSettings.class)).isEqualTo(new QueryLimitSettings(12, 400, org.springframework.util.unit.DataSize.ofKilobytes(256)));
            OutreachSettings outreach = context.getBean(OutreachSettings.class);
            assertThat(outreach.dueInDays()).isEqualTo(3);
            assertThat(outreach.schedule()).isEqualTo(new OutreachSettings.Schedule(true, "0 7 * * * *"));
            assertThat(context.getBean(ReminderJobSettings.class)).isEqualTo(
                    new ReminderJobSettings(new ReminderJobSettings.Scheduling(true), Duration.ofMinutes(5)));
            assertThat(context.getBean(FirebaseSettings.class)).isEqualTo(new FirebaseSettings(null, ""));
        });
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("peerpath.outreach.due-in-days=-1", "Invalid setting peerpath.outreach.due-in-days = \"-1\": must be greater than or equal to 0"),
                Arguments.of("peerpath.outreach.due-in-days=soon", "Invalid setting peerpath.outreach.due-in-days = \"soon\": not a valid int"),
                Arguments.of("peerpath.outreach.schedule.cron=every hour", "peerpath.outreach.schedule.cron 'every hour' is not a cron expression"),
                Arguments.of("peerpath.reminders.interval=PT1S", "Invalid setting peerpath.reminders.interval = \"PT1S\": must be"),
                Arguments.of("peerpath.reminders.interval=often", "Invalid setting peerpath.reminders.interval = \"often\": not a valid Duration"),
                Arguments.of("peerpath.reminders.scheduling.enabled=maybe", "Invalid setting peerpath.reminders.scheduling.enabled = \"maybe\": not a valid boolean"),
                Arguments.of("peerpath.graphql.max-depth=0", "Invalid setting peerpath.graphql.max-depth = \"0\": must be greater than or equal to 2"),
                Arguments.of("peerpath.graphql.max-body-size=64MB", "peerpath.graphql.max-body-size must be between 1KB and 16MB"),
                Arguments.of("peerpath.graphql.max-complexity=1000000", "Invalid setting peerpath.graphql.max-complexity = \"1000000\": must be less than or equal to 100000"),
                Arguments.of("peerpath.mongodb.database=peer path", "Invalid setting peerpath.mongodb.database = \"peer path\": must be a MongoDB database name"),
                Arguments.of("peerpath.mongodb.uri=postgres://db/peerpath", "peerpath.mongodb.uri (MONGODB_URI) is not a MongoDB connection string"),
                Arguments.of("peerpath.demo=maybe", "Invalid setting peerpath.demo = \"maybe\": not a valid Boolean"),
                Arguments.of("peerpath.identity.firebase-project-id=My Project", "Invalid setting peerpath.identity.firebase-project-id = \"My Project\": must be a Firebase project id"),
                Arguments.of("peerpath.identity.oidc-issuer-uri=accounts.example.org", "PEERPATH_OIDC_ISSUER_URI must be the issuer's https URL"),
                Arguments.of("peerpath.identity.oidc-issuer-uri=https://accounts.example.org", "PEERPATH_OIDC_ISSUER_URI is set but PEERPATH_OIDC_AUDIENCE is not"),
                Arguments.of("peerpath.firebase.project-id=-x", "Invalid setting peerpath.firebase.project-id = \"-x\": must be a Firebase project id"),
                Arguments.of("peerpath.firebase.enabled=perhaps", "Invalid setting peerpath.firebase.enabled = \"perhaps\": not a valid Boolean"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aBadValueFailsWithOneLineNamingTheSetting(String property, String line) {
        settings.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(line).doesNotContain("\n");
        });
    }

    @Test
    void aSecretInABadValueIsNeverShown() {
        settings.withPropertyValues("peerpath.mongodb.uri=mongodb://peerpath:hunter2@db.example.org:notaport/")
                .run(context -> {
                    FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).startsWith("Invalid settings under peerpath")
                            .contains("is not a MongoDB connection string").doesNotContain("hunter2");
                });
    }

    @Test
    void everyProblemIsListedOneLineEach() {
        settings.withPropertyValues("peerpath.graphql.max-depth=0", "peerpath.graphql.max-complexity=1").run(context -> {
            FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription().lines().toList()).hasSize(2)
                    .allSatisfy(line -> assertThat(line).startsWith("Invalid setting peerpath.graphql.max-"));
        });
    }

    /** The whole service, as an operator starts it: one clear line, no stack trace, and it does not start. */
    @Test
    void theServiceRefusesToStartWithABadValueInOneClearLine(CapturedOutput output) {
        int logFrom = output.getAll().length();
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(PeerPathApplication.class)
                .run("--server.port=0", "--peerpath.embedded-mongo.in-memory=true",
                        "--peerpath.data-dir=target/settings-test-data", "--peerpath.outreach.schedule.enabled=false",
                        "--peerpath.reminders.scheduling.enabled=false", "--peerpath.outreach.due-in-days=-1")
                .close());
        assertThat(failure).isNotNull();
        String log = output.getAll().substring(logFrom);
        List<String> lines = log.lines().filter(line -> line.contains("peerpath.outreach.due-in-days")).toList();
        assertThat(lines).containsExactly("Invalid setting peerpath.outreach.due-in-days = \"-1\": must be greater "
                + "than or equal to 0 (from \"peerpath.outreach.due-in-days\" from property source \"commandLineArgs\")");
        assertThat(log).contains("APPLICATION FAILED TO START").doesNotContain("\tat ");
    }
}

package org.peerpath;

import java.time.Clock;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import net.javacrumbs.shedlock.core.ClockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import org.peerpath.database.JobLocks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of the layout, checked on every build: features do not depend on each other in circles, the
 * billing rules stay plain Java, free of Spring and of the database, so they can be read and tested alone, and
 * "now" comes only from the injected {@link Clock} (issue 9: a wall-clock read is a bug that shows only at some
 * hours of some days).
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.peerpath");

    /**
     * Reads of the machine's clock: any java.time {@code now(..)} without a Clock argument (the zone-taking ones
     * too), {@code System.currentTimeMillis()}, {@code new Date()}, and the system clocks themselves, except in
     * the one bean definition {@code PeerPathApplication.clock()}.
     */
    static final DescribedPredicate<JavaCall<?>> READS_THE_WALL_CLOCK = DescribedPredicate.describe(
            "read the wall clock (java.time now() without a Clock, System.currentTimeMillis(), new Date(), "
                    + "Clock.system*() outside PeerPathApplication.clock())",
            call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                boolean takesClock = call.getTarget().getRawParameterTypes().stream()
                        .anyMatch(type -> type.isEquivalentTo(Clock.class));
                boolean theClockBean = call.getOriginOwner().isEquivalentTo(PeerPathApplication.class)
                        && call.getOrigin().getName().equals("clock");
                return owner.startsWith("java.time.") && name.equals("now") && !takesClock
                        || owner.equals(System.class.getName()) && name.equals("currentTimeMillis")
                        || owner.equals(java.util.Date.class.getName()) && call.getTarget().getName().equals("<init>")
                                && call.getTarget().getRawParameterTypes().isEmpty()
                        || owner.equals(Clock.class.getName()) && name.startsWith("system") && !theClockBean;
            });

    @Test
    void mainCodeTakesNowOnlyFromTheInjectedClock() {
        noClasses().should().callCodeUnitWhere(READS_THE_WALL_CLOCK).check(CLASSES);
    }

    /** Tests too: they pin or read IntegrationTest's clock (or a fixed one), so they pass at any instant. */
    @Test
    void testsTakeNowOnlyFromTheSharedClock() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("org.peerpath");
        noClasses().should().callCodeUnitWhere(READS_THE_WALL_CLOCK).check(tests);
    }

    /**
     * ShedLock reads "now" from its own static clock: only {@code database.JobLocks} sets it, to the injected
     * {@link Clock}, so lock times follow the service's clock too.
     */
    @Test
    void shedLocksClockIsSetOnlyByJobLocks() {
        noClasses().that().doNotBelongToAnyOf(JobLocks.class).should()
                .callMethod(ClockProvider.class, "setClock", Clock.class).check(CLASSES);
    }

    /** Every setting is a validated {@code @ConfigurationProperties} record (README, Configuration), never @Value. */
    @Test
    void settingsAreReadThroughValidatedRecordsOnly() {
        noClasses().should().dependOnClassesThat().belongToAnyOf(Value.class).check(CLASSES);
        classes().that().areAnnotatedWith(ConfigurationProperties.class).should().beAnnotatedWith(Validated.class)
                .andShould().beRecords().check(CLASSES);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("org.peerpath.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void billingRulesArePlainJava() {
        noClasses().that().resideInAPackage("org.peerpath.billing..").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "org.peerpath.people..",
                        "org.peerpath.contacts..", "org.peerpath.database..", "org.peerpath.security..")
                .check(CLASSES);
    }
}

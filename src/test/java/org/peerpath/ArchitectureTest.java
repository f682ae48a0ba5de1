package org.peerpath;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of the layout, checked on every build: features do not depend on each other in circles, and
 * the billing rules stay plain Java, free of Spring and of the database, so they can be read and tested alone.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.peerpath");

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

package org.peerpath.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import graphql.schema.idl.DirectiveInfo;
import graphql.schema.idl.SchemaPrinter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema the service serves breaks no client of the last release (issue 14): graphql-java's schema diff
 * ({@link SchemaDiff}) compares it with the committed snapshot {@value #SNAPSHOT} and the test fails on any
 * breaking change (a field, type, argument or enum value removed, a type changed incompatibly, a new required
 * argument or input field). Additions, descriptions and deprecations never fail it; "dangerous" changes (an
 * enum value added, a default changed) are printed. An intended break: list it in CHANGELOG.md under
 * {@code ## Unreleased}, naming the coordinate ({@code Query.enrollee}), and refresh the snapshot with
 * {@code ./mvnw test -Dtest=SchemaCompatibilityTest -Dpeerpath.schema.snapshot=update}, which refuses while a
 * breaking change is not in the changelog. Run it the same way at every release. See the README.
 */
class SchemaCompatibilityTest extends IntegrationTest {

    static final String SNAPSHOT = "src/test/resources/schema-released.graphqls";
    static final String CHANGELOG = "CHANGELOG.md";

    private static final String HEADER = """
            # PeerPath's GraphQL schema as last released: what the apps in the field were built against.
            # SchemaCompatibilityTest fails on any breaking change against it. Do not edit by hand: see the README
            # (Schema changes) and CHANGELOG.md.
            """;

    @Autowired
    private GraphQlSource graphQlSource;

    @Test
    void theServedSchemaBreaksNoClientOfTheLastRelease() throws IOException {
        String current = printed();
        boolean update = "update".equals(System.getProperty("peerpath.schema.snapshot"));
        if (update && !Files.exists(Path.of(SNAPSHOT))) {
            Files.writeString(Path.of(SNAPSHOT), HEADER + "\n" + current, StandardCharsets.UTF_8); // the first one
            return;
        }
        String released = Files.readString(Path.of(SNAPSHOT));
        List<DiffEvent> breaking = breakingChanges(released, current);
        if (update) {
            List<String> unlisted = notInTheChangelog(breaking, Files.readString(Path.of(CHANGELOG)));
            assertThat(unlisted).as("Breaking changes not listed under '## Unreleased' in " + CHANGELOG
                    + " (one line each, naming the coordinate); the snapshot was not updated").isEmpty();
            Files.writeString(Path.of(SNAPSHOT), HEADER + "\n" + current, StandardCharsets.UTF_8);
            return;
        }
        assertThat(breaking).as("""
                Breaking changes against the released schema (%s). If intended, add a line per change under \
                '## Unreleased' in %s naming the coordinate, then run \
                ./mvnw test -Dtest=SchemaCompatibilityTest -Dpeerpath.schema.snapshot=update and commit both. \
                Found:
                %s""".formatted(SNAPSHOT, CHANGELOG, describe(breaking))).isEmpty();
    }

    @Test
    void additionsAreNotBreaking() {
        String current = printed();
        String added = current.replaceFirst("type Query \\{", """
                type Query {
                  "A field someone adds."
                  somethingNew(first: Int = 10, filter: String): [String!]!""")
                + "\ntype Brand { id: ID! }\nenum Colour { RED }\n";
        assertThat(breakingChanges(current, added)).isEmpty();
        assertThat(breakingChanges(current, current.replaceAll("(?m)^(\\s*)\"([^\"\\n]+)\"$", "$1\"Reworded. $2\"")))
                .as("descriptions reworded").isEmpty();
    }

    @Test
    void removalsAndIncompatibleChangesOfTheRealSchemaAreBreaking() {
        String current = printed();
        Matcher me = Pattern.compile("\\n(\\s+\"[^\\n]*\"\\n)?\\s+me: [^\\n]+").matcher(current);
        assertThat(me.find()).as("Query.me in the printed schema").isTrue();
        assertThat(describe(breakingChanges(current, current.substring(0, me.start())
                + current.substring(me.end())))).contains("me");
        assertThat(breakingChanges(SMALL, SMALL.replace("name: String!", "name: Int!"))).isNotEmpty();
        assertThat(breakingChanges(SMALL, SMALL.replace("enrollee(id: ID!)", "enrollee(id: ID!, on: Date!)")))
                .isNotEmpty();
        assertThat(breakingChanges(SMALL, SMALL.replace("  SIGNED\n", ""))).isNotEmpty();
        assertThat(breakingChanges(SMALL, SMALL.replace("type Enrollee", "type Client")
                .replace(": Enrollee", ": Client"))).isNotEmpty();
        assertThat(breakingChanges(SMALL, SMALL.replace("note: String\n", "note: String\n  by: ID!\n")))
                .as("a new required input field").isNotEmpty();
        assertThat(breakingChanges(SMALL, SMALL.replace("name: String!", "name: String")))
                .as("a non-null field made nullable: clients counted on a value").isNotEmpty();
    }

    @Test
    void refreshingTheSnapshotNeedsAChangelogLinePerBreakingChange() {
        List<DiffEvent> removed = breakingChanges(SMALL, SMALL.replace("  name: String!\n", ""));
        assertThat(notInTheChangelog(removed, "# Changelog\n\n## Unreleased\n\n## 0.1.0\n- `Enrollee.name` old\n"))
                .containsExactly("Enrollee.name");
        assertThat(notInTheChangelog(removed, "# Changelog\n\n## Unreleased\n- `Enrollee.name` removed: use "
                + "`displayName`.\n\n## 0.1.0\n")).isEmpty();
    }

    private static final String SMALL = """
            scalar Date
            type Query {
              enrollee(id: ID!): Enrollee
            }
            type Mutation {
              signContact(input: SignInput!): Status
            }
            type Enrollee {
              id: ID!
              name: String!
            }
            input SignInput {
              id: ID!
              note: String
            }
            enum Status {
              DRAFT
              SIGNED
            }
            """;

    /** The schema the service serves, printed as SDL (built-in scalars and directives left out). */
    private String printed() {
        return new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeScalarTypes(true)
                .includeSchemaDefinition(false)
                .includeDirectiveDefinition(name -> !DirectiveInfo.isGraphqlSpecifiedDirective(name)))
                .print(graphQlSource.schema());
    }

    static List<DiffEvent> breakingChanges(String oldSdl, String newSdl) {
        CapturingReporter reporter = new CapturingReporter();
        new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(oldSdl, newSdl), reporter);
        reporter.getDangers().forEach(danger -> System.out.println("Schema change to check: " + line(danger)));
        return reporter.getBreakages();
    }

    /** The breaking changes whose coordinate (Type.field, or Type) is not named under "## Unreleased". */
    static List<String> notInTheChangelog(List<DiffEvent> breaking, String changelog) {
        int start = changelog.indexOf("## Unreleased");
        int end = start < 0 ? -1 : changelog.indexOf("\n## ", start + 1);
        String unreleased = start < 0 ? "" : changelog.substring(start, end < 0 ? changelog.length() : end);
        return breaking.stream().map(SchemaCompatibilityTest::coordinate)
                .filter(coordinate -> !unreleased.contains(coordinate)).distinct().toList();
    }

    private static String coordinate(DiffEvent event) {
        return event.getFieldName() == null ? event.getTypeName() : event.getTypeName() + "." + event.getFieldName();
    }

    private static String describe(List<DiffEvent> events) {
        return String.join("\n", events.stream().map(SchemaCompatibilityTest::line).toList());
    }

    private static String line(DiffEvent event) {
        return "- " + coordinate(event) + ": " + event.getCategory() + ", " + event.getReasonMsg();
    }
}

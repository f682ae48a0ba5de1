package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

import org.peerpath.database.CommandCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects instead of ids (issue 14): a contact names its coach, its signer, the authors of its addenda and the
 * actors of its history as staff member summaries (name, role, credentials), the ids kept beside them, loaded in
 * batches so a page of contacts costs the same number of database commands whatever its size.
 */
class ContactStaffIntegrationTest extends AgencyTest {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    @Test
    void aContactNamesItsCoachSignerAndAuthorsAsStaffMembers() {
        Instant day = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = enrollee(agency);
        authorize(agency, client, "GENERAL", 96);
        Map<String, Object> input = faceToFace(client, day, 60);
        String contactId = (String) input.get("id");
        signNew(agency.coach(), input).path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED");
        coach(agency.coach()).documentName("amendContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 1, "addendumId", UUID.randomUUID().toString(), "reason", "Forgot a detail",
                "text", "We also called the landlord together.")).execute()
                .path("amendContact.contact.addenda[0].author.id").entity(String.class).isEqualTo(agency.coachId());

        Map<String, Object> expected = Map.of("id", agency.coachId(), "displayName", "RECO " + agency.coach(),
                "role", "RECOVERY_COACH", "credentials", List.of("PEER_RECOVERY_COACH_TRAINING"));
        var contact = coach(agency.coach()).documentName("contact").variable("id", contactId).execute();
        contact.path("contact.coachId").entity(String.class).isEqualTo(agency.coachId())
                .path("contact.coach").entity(OBJECT).isEqualTo(expected)
                .path("contact.signedBy").entity(String.class).isEqualTo(agency.coachId())
                .path("contact.signer").entity(OBJECT).isEqualTo(expected)
                .path("contact.addenda[0].by").entity(String.class).isEqualTo(agency.coachId())
                .path("contact.addenda[0].author").entity(OBJECT).isEqualTo(expected)
                .path("contact.history[*].action").entityList(String.class)
                .containsExactly("LOGGED", "SIGNED", "AMENDED")
                .path("contact.history[*].actor.displayName").entityList(String.class)
                .containsExactly("RECO " + agency.coach(), "RECO " + agency.coach(), "RECO " + agency.coach());

        // The supervisor, who may see the contact, sees the same summary; a draft has no signer yet.
        supervisor(agency.supervisor()).documentName("enrolleeContacts").variable("enrolleeId", client).execute()
                .path("contacts.edges[0].node.coach").entity(OBJECT).isEqualTo(expected);
        Map<String, Object> draft = faceToFace(client, day.plus(Duration.ofHours(2)), 30);
        coach(agency.coach()).documentName("logContact").variable("input", draft).execute()
                .path("logContact.contact.coach.displayName").entity(String.class).isEqualTo("RECO " + agency.coach())
                .path("logContact.contact.signer").valueIsNull();
    }

    @Test
    void aPageOfContactsCostsTheSameNumberOfCommandsWhateverItsSize() {
        Instant day = pinNowAndServiceDay();
        Agency agency = michigan();
        String client = enrollee(agency);
        authorize(agency, client, "GENERAL", 960);
        for (int i = 0; i < 10; i++) {
            Map<String, Object> input = faceToFace(client, day.minus(Duration.ofHours(i)), 30);
            signNew(agency.coach(), input).path("signContact.contact.status").entity(String.class)
                    .isEqualTo("SIGNED");
            coach(agency.coach()).documentName("amendContact").variable("input", Map.of("id", input.get("id"),
                    "expectedVersion", 1, "addendumId", UUID.randomUUID().toString(), "reason", "Detail",
                    "text", "Added a detail.")).execute().path("amendContact.contact.id").hasValue();
        }
        commandsForAPageOf(agency, 1); // sign-in and warm-up
        long two = commandsForAPageOf(agency, 2);
        long ten = commandsForAPageOf(agency, 10);
        assertThat(ten).isEqualTo(two);
    }

    private long commandsForAPageOf(Agency agency, int size) {
        long before = CommandCounter.started();
        coach(agency.coach()).documentName("myContacts").variable("first", size).execute()
                .path("myContacts.edges[*].node.coach.id").entityList(String.class).hasSize(size)
                .path("myContacts.edges[*].node.signer.id").entityList(String.class).hasSize(size)
                .path("myContacts.edges[*].node.addenda[*].author.id").entityList(String.class).hasSize(size)
                .path("myContacts.edges[*].node.history[*].actor.id").entityList(String.class).hasSize(3 * size);
        return CommandCounter.started() - before;
    }
}

package org.peerpath.people;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import org.peerpath.IntegrationTest;
import org.peerpath.audit.AuditTrail;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.ErrorCode;
import org.peerpath.people.BillingSettingChanges.ChangeBillingSettingsInput;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A contact signed under the old settings between a change's check and its write (no transactions: the check and
 * the write are two steps). The change checks again after writing, finds the contact and withdraws itself: the
 * organization keeps its settings and the administrator is told why. The race is staged with the signed
 * services answering "none" to the first check and one contact to the second; everything else is the real
 * service on the real database.
 */
class BillingSettingChangesRaceTest extends IntegrationTest {

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private PeopleDirectory directory;

    @Autowired
    private AuditTrail trail;

    @Test
    void aChangeOvertakenByASigningWithdrawsItselfAndIsRefused() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String organizationId = UUID.randomUUID().toString();
        String adminId = UUID.randomUUID().toString();
        admin("admin").documentName("createOrganization").variable("input", Map.of("id", organizationId,
                "name", "Race " + suffix, "rulePack", "MI", "timeZone", "America/Detroit",
                "firstAdministrator", Map.of("id", adminId, "firstName", "Ada", "lastName", "Admin",
                        "authSubject", "admin." + suffix))).execute()
                .path("createOrganization.organization.id").hasValue();
        LocalDate from = LocalDate.parse("2026-11-21");

        AtomicInteger checks = new AtomicInteger();
        BilledServices signedMeanwhile = (organization, day, settingsOn) -> checks.getAndIncrement() == 0 ? List.of()
                : List.of(new BilledServices.Billed("contact-signed-meanwhile", from.plusDays(3), "MI",
                        "WHOLE_QUARTERS"));
        BillingSettingChanges changes = new BillingSettingChanges(mongo, directory, signedMeanwhile, trail, clock);
        Viewer admin = new Viewer(adminId, Role.ADMIN, organizationId, "Ada Admin");

        assertThatExceptionOfType(DomainException.class).isThrownBy(() -> changes.change(admin,
                new ChangeBillingSettingsInput(0, from, RulePack.IN, UnitRoundingChoice.MIDPOINT)))
                .satisfies(refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(refused.details().get("problems")).asList().singleElement().asString()
                            .contains("closed period", "dated 2026-11-24", "rule pack MI with WHOLE_QUARTERS");
                });
        assertThat(checks).hasValue(2);

        // Written, then withdrawn: the settings are as before (two versions later), over HTTP too.
        Organization stored = mongo.findById(organizationId, Organization.class);
        assertThat(stored.rulePackChanges()).isEmpty();
        assertThat(stored.unitRoundingChanges()).isEmpty();
        assertThat(stored.version()).isEqualTo(2);
        admin("admin." + suffix).documentName("organizationSetup").execute()
                .path("organization.rulePack").entity(String.class).isEqualTo("MI")
                .path("organization.rulePackHistory[*].rulePack").entityList(String.class).containsExactly("MI")
                .path("organization.unitRoundingHistory[*].unitRounding").entityList(String.class)
                .containsExactly("PACK_DEFAULT");
    }
}

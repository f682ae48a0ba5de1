package org.peerpath.people;

import java.util.Locale;
import java.util.Map;

/**
 * Kinds of credential on a staff record (the billing pack decides which qualify: billing.CredentialRequirement).
 * First aid, CPR and the like may be recorded but never qualify a provider.
 */
public enum CertificationType {
    /** Tennessee Certified Peer Recovery Specialist (TennCare policy, seeds/000). */
    CPRS,
    /** Indiana Certified Peer Support Professional (Indiana guide, seeds/002). */
    CPSP,
    /** Certified Addiction Peer Recovery Coach (Indiana guide, seeds/002). */
    CAPRC,
    /** Certified Recovery Specialist (Indiana guide, seeds/002). */
    CRS,
    /** Michigan peer recovery coach training: MDCH/BSAAS designated, CCAR or equivalent (Michigan X.A). */
    PEER_RECOVERY_COACH_TRAINING,
    /** Michigan peer recovery associate training by the hiring agency (Michigan X.B). */
    PEER_RECOVERY_ASSOCIATE_TRAINING,
    /** Michigan Certification Board for Addiction Professionals, for supervisors (Michigan IX). */
    MCBAP,
    FIRST_AID,
    CPR,
    OTHER;

    /** Free-text types stored before this enum existed, as the demo and early agencies wrote them. */
    private static final Map<String, CertificationType> LEGACY = Map.of(
            "CPRC", PEER_RECOVERY_COACH_TRAINING, "CAPRS", CAPRC, "CPR/FIRST AID", CPR, "FIRSTAID", FIRST_AID);

    /** The type a stored value stands for; anything unknown is OTHER (kept on the record, never qualifying). */
    static CertificationType fromStored(String stored) {
        if (stored == null) {
            return OTHER;
        }
        String key = stored.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(key.replace(' ', '_'));
        }
        catch (IllegalArgumentException unknown) {
            return LEGACY.getOrDefault(key, OTHER);
        }
    }
}

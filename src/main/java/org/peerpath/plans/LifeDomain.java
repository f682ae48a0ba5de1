package org.peerpath.plans;

/** The life domains a recovery goal belongs to (Michigan guidance VI, person-centered planning). */
public enum LifeDomain {
    COMMUNITY_LIVING,
    HEALTH_CARE,
    HOUSING,
    EMPLOYMENT_FINANCES,
    EDUCATION,
    RELATIONSHIPS_SOCIAL_SUPPORT,
    LEISURE,
    SUBSTANCE_USE_RECOVERY,
    OTHER
}

package org.peerpath.billing;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule packs PeerPath knows, by id. It exists so an organization's pack setting (a plain id stored with
 * the organization) resolves to its rules in one place; an unknown id is refused rather than billed under
 * some default. Adding a state means writing its pack class and listing it here.
 */
public final class RulePacks {

    private static final Map<String, RulePack> PACKS = Map.of(
            MichiganPack.PACK.id(), MichiganPack.PACK,
            IndianaPack.PACK.id(), IndianaPack.PACK,
            TennesseePack.PACK.id(), TennesseePack.PACK);

    private RulePacks() {
    }

    /**
     * The pack with the given id.
     *
     * @throws IllegalArgumentException when no pack has that id
     */
    public static RulePack forId(String id) {
        RulePack pack = id == null ? null : PACKS.get(id);
        if (pack == null) {
            throw new IllegalArgumentException("Unknown rule pack " + id + "; known packs: " + ids());
        }
        return pack;
    }

    /** The ids of all packs, sorted. */
    public static Set<String> ids() {
        return new TreeSet<>(PACKS.keySet());
    }
}

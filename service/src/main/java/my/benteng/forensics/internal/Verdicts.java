package my.benteng.forensics.internal;

import java.util.List;
import java.util.Map;

/**
 * The verdict of an investigation and the ATT&CK (and D3FEND) techniques its evidence supports. Only an attributed
 * finding names anything; an inconclusive one says so; nothing else accuses.
 */
public final class Verdicts {

    static final String ATTRIBUTED = "ATTRIBUTED";
    static final String INCONCLUSIVE = "INCONCLUSIVE";
    static final String NO_ATTRIBUTION = "NO_ATTRIBUTION";

    /**
     * A rendition that reached a leak was served to the relying party through its own signed, consented access: the image
     * came out of that party's information repository (T1213) by use of access it legitimately held (T1078, an insider or
     * its stolen credentials), most often from an eKYC store kept in cloud storage (T1530). What the watermark proves is
     * the first two; the third is the commonest route and is marked as such.
     */
    static final List<Map<String, String>> ATTRIBUTED_ATTACK = List.of(
            Map.of("id", "T1213", "name", "Data from Information Repositories", "basis", "evidenced: the image left through this access"),
            Map.of("id", "T1078", "name", "Valid Accounts", "basis", "evidenced: the access was made with the relying party's own key"),
            Map.of("id", "T1530", "name", "Data from Cloud Storage", "basis", "likely route: eKYC stores are commonly cloud buckets; not proven"));

    /** The defensive technique the evidence points to next: review the named party's access pattern. */
    static final List<Map<String, String>> ATTRIBUTED_D3FEND = List.of(
            Map.of("id", "D3-RAPA", "name", "Resource Access Pattern Analysis", "basis", "review what else this relying party received"));

    private Verdicts() {
    }

    static String of(List<Finding> findings) {
        if (findings.stream().anyMatch(Finding::attributes)) {
            return ATTRIBUTED;
        }
        if (findings.stream().anyMatch(f -> "INCONCLUSIVE".equals(f.outcome()))) {
            return INCONCLUSIVE;
        }
        return NO_ATTRIBUTION;
    }

    /** The ATT&CK technique ids the verdict's evidence supports. */
    public static List<String> attack(String verdict) {
        return ATTRIBUTED.equals(verdict) ? ATTRIBUTED_ATTACK.stream().map(m -> m.get("id")).toList() : List.of();
    }
}

package my.benteng.shield.internal;

/**
 * How strongly the shield treats first codes to never-verified numbers as possible SMS pumping. Numbers that have
 * verified before are never affected by it.
 */
enum PumpingLevel {
    /** Healthy conversion: no first-contact hold, the low proof-of-work difficulty. */
    NORMAL,
    /** Unverified first codes above the baseline: the hold with cancel-on-block, high difficulty, lower range velocity. */
    ELEVATED,
    /** Far above the baseline: a longer hold, a higher difficulty still, range velocity lower still. */
    SEVERE;

    PumpingLevel max(PumpingLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}

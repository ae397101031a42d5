package my.benteng.shield.internal;

import my.benteng.shield.ShieldProperties;

/**
 * Rule 5: velocity and conversion of a number prefix. SMS pumping shows as many codes to numbers in one
 * range that nobody verifies; a surge or a collapsing verification rate first raises the proof-of-work
 * difficulty there and, beyond the second threshold, blocks the prefix.
 */
class VelocityPolicy {

    enum Level {
        NORMAL,
        SUSPICIOUS,
        BLOCK
    }

    /** The level and the reason code that explains it. */
    record Assessment(Level level, String reason) {
        static final Assessment NORMAL = new Assessment(Level.NORMAL, null);
    }

    private final ShieldProperties properties;

    VelocityPolicy(ShieldProperties properties) {
        this.properties = properties;
    }

    Assessment prefix(StateOutcome.Counts counts) {
        boolean sample = counts.sent() >= properties.conversionMinSample();
        double rate = counts.sent() == 0 ? 1.0 : (double) counts.verified() / counts.sent();
        if (counts.sent() > properties.prefixBlockThreshold()) {
            return new Assessment(Level.BLOCK, "shield.prefix.surge");
        }
        if (sample && rate < properties.conversionBlockBelow()) {
            return new Assessment(Level.BLOCK, "shield.prefix.conversion");
        }
        if (counts.sent() > properties.prefixSurgeThreshold()) {
            return new Assessment(Level.SUSPICIOUS, "shield.prefix.surge");
        }
        if (sample && rate < properties.conversionSuspiciousBelow()) {
            return new Assessment(Level.SUSPICIOUS, "shield.prefix.conversion");
        }
        return Assessment.NORMAL;
    }

    /** The whole channel is never blocked (that would be a denial of service); a global surge raises difficulty only. */
    Assessment global(StateOutcome.Counts counts) {
        return counts.sent() > properties.globalSurgeThreshold()
                ? new Assessment(Level.SUSPICIOUS, "shield.global.surge") : Assessment.NORMAL;
    }
}

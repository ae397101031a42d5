package my.benteng.shield.internal;

import my.benteng.shield.ShieldProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an operator needs to see of the shield now: the pumping level of every raised scope and of the whole channel
 * (with its unverified share and the learned baseline), the prefixes blocked and until when, the operator's minimum
 * level, and the holds and difficulties each level applies. Scopes name number ranges, never a number.
 */
public class ShieldStatus {

    /** The shield's state at {@code at}. */
    public record Snapshot(Instant at, String minimumLevel, List<Scope> scopes, List<BlockedPrefix> blockedPrefixes,
                           List<LevelEffect> levels) {
    }

    /**
     * One scope's level: {@code global}, {@code cc:60}, {@code range:60-12}, {@code p5:60123} … {@code p7:6012345}.
     *
     * @param unverifiedShare share of the scope's first codes in the window that nobody verified
     * @param baseline        the learned healthy share for this hour (the same for every scope)
     * @param firstCodes      first codes the scope sent in the window when it was last judged
     */
    public record Scope(String scope, String level, double unverifiedShare, double baseline, long firstCodes, Instant since) {
    }

    /** A 7-digit prefix (country code included) blocked until {@code until}. */
    public record BlockedPrefix(String prefix, Instant until) {
    }

    /** What a level does to a first code for a never-verified number. */
    public record LevelEffect(String level, Duration hold, long difficulty) {
    }

    private final PumpingMonitor pumping;
    private final ShieldProperties properties;
    private final Clock clock;

    ShieldStatus(PumpingMonitor pumping, ShieldProperties properties, Clock clock) {
        this.pumping = pumping;
        this.properties = properties;
        this.clock = clock;
    }

    public Snapshot now() {
        long now = clock.millis();
        List<Scope> scopes = pumping.signal().view(now).stream()
                .map(v -> new Scope(v.scope(), v.level().name(), round(v.ratio()), round(v.baseline()), v.sent(), Instant.ofEpochMilli(v.since())))
                .toList();
        List<BlockedPrefix> blocks = pumping.blocks(now).entrySet().stream()
                .map(e -> new BlockedPrefix(e.getKey(), Instant.ofEpochMilli(e.getValue()))).toList();
        ShieldProperties.Pumping p = properties.pumping();
        Duration severeHold = p.severeHold().compareTo(properties.firstContactHold()) >= 0 ? p.severeHold() : properties.firstContactHold();
        List<LevelEffect> levels = List.of(
                new LevelEffect("NORMAL", properties.firstContactHold().isZero() ? Duration.ZERO : p.normalHold(), properties.powLowDifficulty()),
                new LevelEffect("ELEVATED", properties.firstContactHold(), properties.powHighDifficulty()),
                new LevelEffect("SEVERE", properties.firstContactHold().isZero() ? Duration.ZERO : severeHold,
                        Math.max(properties.powHighDifficulty(), p.severeDifficulty())));
        return new Snapshot(Instant.ofEpochMilli(now), p.minimumLevel(), scopes, blocks, levels);
    }

    private static double round(double share) {
        return Math.round(share * 1000) / 1000.0;
    }
}

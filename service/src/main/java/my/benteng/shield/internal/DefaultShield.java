package my.benteng.shield.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.SpendLevel;
import my.benteng.shield.Attempt;
import my.benteng.shield.ClientQuota;
import my.benteng.shield.DenyKind;
import my.benteng.shield.PrefixBlocked;
import my.benteng.shield.RegistryEntry;
import my.benteng.shield.ResendCooldown;
import my.benteng.shield.Shield;
import my.benteng.shield.ShieldProperties;
import my.benteng.shield.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shield's one entry point. Order, cheapest first: destination policy, proof of work, registry deny, spend,
 * then one atomic step in the shield state for every counter and bucket. Only that last step consumes anything:
 * the proof of work always, the limits only when everything passes.
 */
class DefaultShield implements Shield {

    private static final Logger log = LoggerFactory.getLogger(DefaultShield.class);
    /** Retry-After when the limit store is down: long enough not to hammer it, short enough for a blip. */
    /** A store that stopped answering is reconnected within this (the reconnect backoff's ceiling). */
    static final Duration UNAVAILABLE_RETRY = RedisShieldState.RECONNECT_MAX;

    private final ShieldProperties properties;
    private final Clock clock;
    private final DestinationPolicy destinationPolicy;
    private final RegistryPolicy registryPolicy = new RegistryPolicy();
    private final SpendPolicy spendPolicy;
    private final QuietHoursPolicy quietHours;
    private final PowPolicy powPolicy;
    private final DestinationCapPolicy destinationCaps;
    private final ClientLimitPolicy clientLimits;
    private final VelocityPolicy velocity;
    private final PrefixWatch watch = new PrefixWatch();
    private final RegistryLookup registry;
    private final VerifiedDestinations verified;
    private final DestinationHasher hasher;
    private final HashUpgrade upgrade;
    private final ShieldState state;
    private final ShieldTelemetry telemetry;
    private final Consumption.VelocityWindow window;
    private final ApplicationEventPublisher events;
    private final PumpingMonitor pumping;

    /** With a pumping signal of its own that keeps nothing across restarts (unit tests). */
    DefaultShield(ShieldProperties properties, Clock clock, DestinationPolicy destinationPolicy, PowService pow,
                  RegistryLookup registry, VerifiedDestinations verified, DestinationHasher hasher, HashUpgrade upgrade,
                  ShieldState state, ShieldTelemetry telemetry, ApplicationEventPublisher events) {
        this(properties, clock, destinationPolicy, pow, registry, verified, hasher, upgrade, state, telemetry, events,
                new PumpingMonitor(new PumpingSignal(properties.pumping(), properties.zone()), telemetry, telemetry.meters(),
                        properties.velocityWindow().toMillis(), PumpingStore.NONE));
    }

    DefaultShield(ShieldProperties properties, Clock clock, DestinationPolicy destinationPolicy, PowService pow,
                  RegistryLookup registry, VerifiedDestinations verified, DestinationHasher hasher, HashUpgrade upgrade,
                  ShieldState state, ShieldTelemetry telemetry, ApplicationEventPublisher events, PumpingMonitor pumping) {
        this.pumping = pumping;
        this.properties = properties;
        this.clock = clock;
        this.destinationPolicy = destinationPolicy;
        this.spendPolicy = new SpendPolicy(properties.spendRetryAfter());
        this.quietHours = new QuietHoursPolicy(properties);
        this.powPolicy = new PowPolicy(pow, properties);
        this.destinationCaps = new DestinationCapPolicy(properties);
        this.clientLimits = new ClientLimitPolicy(properties);
        this.velocity = new VelocityPolicy(properties);
        this.registry = registry;
        this.verified = verified;
        this.hasher = hasher;
        this.upgrade = upgrade;
        this.state = state;
        this.telemetry = telemetry;
        this.window = Consumption.VelocityWindow.of(properties.velocityWindow());
        this.events = events;
    }

    @Override
    public Verdict assess(Attempt attempt, ResendCooldown cooldown) {
        Verdict verdict = decide(attempt, cooldown);
        telemetry.verdict(attempt, verdict);
        return verdict;
    }

    @Override
    public Verdict admit(Attempt attempt, List<ClientQuota> quotas) {
        Instant now = clock.instant();
        Screening screening = screening(attempt, now);
        Verdict verdict = screening.objection() != null ? screening.objection() : admitScreened(attempt, quotas, screening, now);
        if (!(verdict instanceof Verdict.Allow)) {
            telemetry.verdict(attempt, verdict);
        }
        return verdict;
    }

    /**
     * The atomic step of {@link #admit}: the spent marker and the caller's quotas, nothing else (no prefix block either:
     * nothing goes to the destination, so a pumped range has nothing to gain here).
     */
    private Verdict admitScreened(Attempt attempt, List<ClientQuota> quotas, Screening screening, Instant now) {
        long nowMillis = now.toEpochMilli();
        PowPolicy.Result pow = screening.pow();
        Optional<Verdict> spend = spendPolicy.check(attempt.spend(), screening.allowListed());
        if (spend.isPresent()) {
            return spend.get();
        }
        Consumption consumption = new Consumption(nowMillis, ClientLimitPolicy.quotas(attempt.clientIp(), quotas), null,
                spentKey(pow), spentTtl(pow, nowMillis), List.of(), window);
        StateOutcome outcome;
        try {
            outcome = state.consume(consumption);
        } catch (ShieldStateUnavailableException e) {
            return unavailable(e);
        }
        return refusal(outcome, screening.highRisk()).orElseGet(Verdict.Allow::new);
    }

    /** The spent marker of a solution: its challenge, which the signature fixes, so one solution has one marker however it is encoded. */
    private static String spentKey(PowPolicy.Result pow) {
        return pow.solution().map(s -> "pow:" + s.id()).orElse(null);
    }

    /** A spent marker lives until its challenge could no longer be verified anyway (plus a second). */
    private static long spentTtl(PowPolicy.Result pow, long nowMillis) {
        return pow.solution().map(s -> Math.max(1, s.expiresAt().toEpochMilli() - nowMillis + 1000)).orElse(0L);
    }

    /** Everything decided before any counter is touched: the stateless rules and the proof of work. */
    private record Screening(Verdict objection, String prefix, boolean allowListed, String destinationHash,
                             List<String> velocityKeys, Optional<String> highRisk, PowPolicy.Result pow) {

        static Screening refused(Verdict objection) {
            return new Screening(objection, null, false, null, List.of(), Optional.empty(), null);
        }
    }

    private Screening screening(Attempt attempt, Instant now) {
        long nowMillis = now.toEpochMilli();
        Contact destination = attempt.destination();
        Optional<Verdict> objection = destinationPolicy.check(destination);
        if (objection.isPresent()) {
            return Screening.refused(objection.get());
        }
        String prefix = destination instanceof Contact.Phone p ? p.number().prefix(properties.prefixDigits()) : null;
        // the proof of work comes before anything that reads storage: a request without work costs the service
        // a signature and nothing else, and learns nothing about the registry or the destination
        List<String> velocityKeys = velocityKeys(attempt, prefix);
        Optional<String> highRisk = quietHours.check(now)
                .or(() -> prefix == null ? Optional.empty() : watch.reason(velocityKeys.getFirst(), nowMillis))
                .or(() -> watch.reason(velocityKeys.getLast(), nowMillis));
        PowPolicy.Result pow = powPolicy.check(attempt.pow(), highRisk);
        if (pow.objection().isPresent()) {
            return Screening.refused(pow.objection().get());
        }
        List<RegistryEntry> entries = destination instanceof Contact.Phone p
                ? registry.matching(p.number().e164().substring(1), now) : List.of();
        objection = registryPolicy.check(entries);
        if (objection.isPresent()) {
            return Screening.refused(objection.get());
        }
        boolean allowListed = registryPolicy.allowListed(entries);
        // over the cap nothing is sent; near it (the first-contact share spent) decide() lets returning numbers through
        objection = spendPolicy.check(attempt.spend() == SpendLevel.OVER_CAP ? SpendLevel.OVER_CAP : SpendLevel.NORMAL, allowListed);
        if (objection.isPresent()) {
            return Screening.refused(objection.get());
        }
        // the "ever verified" read is left to decide(): a screened-out attempt needs none
        return new Screening(null, prefix, allowListed, hasher.hash(destination), velocityKeys, highRisk, pow);
    }

    private Verdict decide(Attempt attempt, ResendCooldown cooldown) {
        Instant now = clock.instant();
        long nowMillis = now.toEpochMilli();
        Screening screening = screening(attempt, now);
        if (screening.objection() != null) {
            return screening.objection();
        }
        PowPolicy.Result pow = screening.pow();
        String prefix = screening.prefix();
        boolean allowListed = screening.allowListed();
        String destinationHash = screening.destinationHash();
        // what this deployment wrote before V36 still counts (HashUpgrade): without it an upgrade would reset the caps
        String legacyHash = upgrade.legacyStored() ? hasher.legacyHash(attempt.destination()) : null;
        boolean everVerified = verified.everVerified(destinationHash, legacyHash);
        // the reserve: once the first-contact share of the budget is spent, numbers that verified before still get codes,
        // so a pumping attacker (whose numbers never verify) cannot spend what returning citizens need
        Optional<Verdict> spend = spendPolicy.check(attempt.spend(), allowListed || everVerified);
        if (spend.isPresent()) {
            return spend.get();
        }
        List<String> velocityKeys = screening.velocityKeys();
        Optional<String> highRisk = screening.highRisk();
        pumping.tick(nowMillis);
        // the pumping level weighs on first codes to never-verified phone numbers only: a returning user is never slowed
        boolean firstContact = !everVerified && !allowListed && prefix != null;
        List<String> scopes = firstContact ? NumberRanges.scopes(attempt.destination()) : List.of();
        PumpingLevel level = firstContact ? firstContactLevel(scopes, velocityKeys, nowMillis) : PumpingLevel.NORMAL;
        if (level != PumpingLevel.NORMAL) {
            pow = powPolicy.atLeast(attempt.pow(), pow, pumpingDifficulty(level), "shield.pumping." + level.name().toLowerCase(java.util.Locale.ROOT));
            if (pow.objection().isPresent()) {
                return pow.objection().get();
            }
        }
        String spentKey = spentKey(pow);
        long spentTtl = spentTtl(pow, nowMillis);

        List<Limit> limits = new ArrayList<>(destinationCaps.limits(destinationHash, everVerified));
        if (!cooldown.none()) {
            limits.add(Limit.cooldown("cd:" + destinationHash + ":" + attempt.purpose(), ResendCooldown.REASON, cooldown.steps(), cooldown.memory()));
        }
        if (legacyHash != null) {
            limits = new ArrayList<>(upgrade.countingLegacy(limits, destinationHash, legacyHash, now));
        }
        if (!allowListed) {
            limits.addAll(clientLimits.limits(attempt));
        }
        if (level != PumpingLevel.NORMAL) {
            // lower per-range velocity for first codes while pumping is suspected; counted only for first codes, so a
            // returning user in the same range is not refused by it
            int divisor = level == PumpingLevel.SEVERE ? properties.pumping().velocityDivisor() * properties.pumping().velocityDivisor()
                    : properties.pumping().velocityDivisor();
            limits.add(Limit.window("fc:" + prefix, "shield.pumping.range_velocity",
                    Math.max(1, properties.prefixBlockThreshold() / divisor), properties.velocityWindow()));
        }
        List<String> counted = velocityKeys;
        if (firstContact) {
            counted = new ArrayList<>(velocityKeys);
            counted.addAll(PumpingMonitor.keys(scopes));
        }
        Consumption consumption = new Consumption(nowMillis, limits, prefix == null || allowListed ? null : "b:" + prefix,
                spentKey, spentTtl, counted, window);
        StateOutcome outcome;
        try {
            outcome = state.consume(consumption);
        } catch (ShieldStateUnavailableException e) {
            return unavailable(e);
        }
        Optional<Verdict> refusal = refusal(outcome, highRisk);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<StateOutcome.Counts> counts = outcome.velocity();
        long prefixUnverified = 0;
        if (firstContact && counts.size() == counted.size()) {
            List<StateOutcome.Counts> scopeCounts = counts.subList(velocityKeys.size(), counts.size());
            pumping.observe(scopes, scopeCounts, nowMillis);
            prefixUnverified = unverifiedInPrefix(scopes, scopeCounts);
            counts = counts.subList(0, velocityKeys.size());
        }
        Optional<Verdict> crossed = watchVelocity(prefix, velocityKeys, counts, nowMillis);
        return crossed.isPresent() ? crossed.get() : allow(prefix, firstContact, level, prefixUnverified);
    }

    private Verdict unavailable(ShieldStateUnavailableException e) {
        telemetry.alert("shield_unavailable", "shield.state.unavailable", state.kind(), null,
                Map.of("cause", e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName()));
        return new Verdict.Deny("shield.state.unavailable", UNAVAILABLE_RETRY, DenyKind.UNAVAILABLE);
    }

    /** The refusal the atomic state step answered, or empty when it allowed. */
    private Optional<Verdict> refusal(StateOutcome outcome, Optional<String> highRisk) {
        return switch (outcome.status()) {
            case BLOCKED -> Optional.of(new Verdict.Deny("shield.prefix.blocked", Duration.ofMillis(outcome.retryAfterMillis()), DenyKind.RATE_LIMITED));
            case REPLAYED -> Optional.of(powPolicy.replayed(highRisk));
            case REFUSED -> Optional.of(new Verdict.Deny(outcome.reason(), Duration.ofMillis(outcome.retryAfterMillis()), DenyKind.RATE_LIMITED));
            case ALLOWED -> Optional.empty();
        };
    }

    /**
     * Sends at once, or holds a first-contact code (a number that never completed a verification) back under its
     * prefix for as long as the pumping level asks: {@code pumping.normal-hold} (at most 2 s) while first codes convert
     * as usual, unless the prefix already has {@code pumping.prefix-hold-above} unverified first codes in the window,
     * {@code first-contact-hold} then and when ELEVATED, {@code pumping.severe-hold} when SEVERE. The velocity monitor sees a
     * prefix being pumped or enumerated only after a few codes; held codes are cancelled unsent if the prefix is
     * blocked before they are due. A returning user (verified before) is never held. {@code first-contact-hold} of
     * zero switches holding off altogether.
     */
    private Verdict.Allow allow(String prefix, boolean firstContact, PumpingLevel level, long prefixUnverified) {
        if (!firstContact || properties.firstContactHold().isZero()) {
            return new Verdict.Allow();
        }
        int holdAbove = properties.pumping().prefixHoldAbove();
        Duration hold = switch (level) {
            // a second unverified first code in one 7-digit prefix is rare in healthy traffic and the start of every
            // burst: holding it gives the prefix's conversion block time to cancel it (and the ones after it)
            case NORMAL -> holdAbove > 0 && prefixUnverified >= holdAbove ? properties.firstContactHold()
                    : properties.pumping().normalHold();
            case ELEVATED -> properties.firstContactHold();
            case SEVERE -> max(properties.firstContactHold(), properties.pumping().severeHold());
        };
        return hold.isZero() ? new Verdict.Allow() : new Verdict.Allow(hold, holdKey(prefix));
    }

    /** First codes nobody verified in the window of the number's 7-digit prefix scope (this one included). */
    private static long unverifiedInPrefix(List<String> scopes, List<StateOutcome.Counts> scopeCounts) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            if (scopes.get(i).startsWith("p7:")) {
                StateOutcome.Counts c = scopeCounts.get(i);
                return Math.max(0, c.sent() - c.verified());
            }
        }
        return 0;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The pumping level for a first code with these scopes; a 7-digit prefix the velocity monitor already suspects
     * counts as ELEVATED (its first codes were held before there were levels, and still are).
     */
    private PumpingLevel firstContactLevel(List<String> scopes, List<String> velocityKeys, long now) {
        PumpingLevel level = pumping.level(scopes);
        return watch.reason(velocityKeys.getFirst(), now).isPresent() ? level.max(PumpingLevel.ELEVATED) : level;
    }

    /** Proof-of-work difficulty a first contact needs at {@code level} (never below the high one). */
    private long pumpingDifficulty(PumpingLevel level) {
        return level == PumpingLevel.SEVERE ? Math.max(properties.powHighDifficulty(), properties.pumping().severeDifficulty())
                : properties.powHighDifficulty();
    }

    private static String holdKey(String prefix) {
        return "prefix:" + prefix;
    }

    /** Prefix counter first (when there is one), the channel's global counter last. */
    private List<String> velocityKeys(Attempt attempt, String prefix) {
        String global = "v:g:" + attempt.channel().name().toLowerCase(java.util.Locale.ROOT);
        return prefix == null ? List.of(global) : List.of("v:p:" + prefix, global);
    }

    /** Updates the suspicion watch; when this very code pushed its prefix over the block line, the refusal for it. */
    private Optional<Verdict> watchVelocity(String prefix, List<String> keys, List<StateOutcome.Counts> counts, long now) {
        if (counts.size() != keys.size()) {
            return Optional.empty();
        }
        long until = now + properties.velocityWindow().toMillis();
        VelocityPolicy.Assessment global = velocity.global(counts.getLast());
        if (global.level() != VelocityPolicy.Level.NORMAL) {
            watch.suspect(keys.getLast(), global.reason(), now, until);
        }
        if (prefix == null) {
            return Optional.empty();
        }
        StateOutcome.Counts prefixCounts = counts.getFirst();
        VelocityPolicy.Assessment assessment = velocity.prefix(prefixCounts);
        switch (assessment.level()) {
            case NORMAL -> {
                return Optional.empty();
            }
            case SUSPICIOUS -> {
                watch.suspect(keys.getFirst(), assessment.reason(), now, until);
                return Optional.empty();
            }
            case BLOCK -> {
                watch.suspect(keys.getFirst(), assessment.reason(), now, now + properties.prefixBlockDuration().toMillis());
                try {
                    state.block("b:" + prefix, now, now + properties.prefixBlockDuration().toMillis());
                } catch (ShieldStateUnavailableException e) {
                    log.error("prefix block could not be stored; the prefix stays under high-difficulty PoW on this node");
                }
                pumping.blocked(prefix, now + properties.prefixBlockDuration().toMillis(), now);
                telemetry.alert("shield_prefix_blocked", assessment.reason(), "prefix:" + prefix, ShieldTelemetry.PUMPING,
                        Map.of("sent", prefixCounts.sent(), "verified", prefixCounts.verified(),
                                "block_hours", properties.prefixBlockDuration().toHours()));
                // codes held back for this prefix must not leave now: whoever holds them cancels them
                events.publishEvent(new PrefixBlocked(holdKey(prefix)));
                // the code that crossed the line is refused too (deciding after the atomic step let it through before)
                return Optional.of(new Verdict.Deny("shield.prefix.blocked", properties.prefixBlockDuration(), DenyKind.RATE_LIMITED));
            }
            default -> throw new IllegalStateException();
        }
    }

    @Override
    public void recordVerified(Contact destination) {
        Instant now = clock.instant();
        String hash = hasher.hash(destination);
        String legacyHash = upgrade.legacyStored() ? hasher.legacyHash(destination) : null;
        // a first code converted: the number had never verified before this (read before it is marked)
        boolean firstContact = destination instanceof Contact.Phone && !verified.everVerified(hash, legacyHash);
        verified.markVerified(hash, now);
        String prefix = destination instanceof Contact.Phone p ? p.number().prefix(properties.prefixDigits()) : null;
        String global = "v:g:" + destination.channel().name().toLowerCase(java.util.Locale.ROOT);
        List<String> keys = new ArrayList<>(prefix == null ? List.of(global) : List.of("v:p:" + prefix, global));
        if (firstContact) {
            keys.addAll(PumpingMonitor.keys(NumberRanges.scopes(destination)));
        }
        try {
            state.recordVerified(keys, now.toEpochMilli(), window);
        } catch (ShieldStateUnavailableException e) {
            // the verification itself stands; the conversion monitor misses one success, which errs towards caution
            log.warn("shield state unavailable; a verification was not counted for the conversion monitor");
        }
    }
}

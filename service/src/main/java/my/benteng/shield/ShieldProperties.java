package my.benteng.shield;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Settings of the abuse shield ({@code benteng.shield.*}). The defaults suit a national service whose
 * users often share addresses behind carrier-grade NAT: per-destination caps are tight, per-address
 * buckets generous, subnet buckets larger still.
 *
 * @param allowedRegions            ISO regions whose numbers may receive SMS
 * @param smsNumberTypes            libphonenumber types that may receive SMS (everything else is refused)
 * @param disposableDomains         resource listing disposable e-mail domains, one per line ({@code #} comments)
 * @param extraDisposableDomains    further disposable domains refused in addition to the list
 * @param destinationHourlyCap      codes one destination may receive in any rolling hour
 * @param destinationDailyCap       codes one destination may receive in any rolling 24 hours
 * @param firstContactInterval      least time between codes to a destination that never completed a verification
 * @param quietHoursStartHour       local hour (0-23) from which first contact needs a high-difficulty proof of work
 * @param quietHoursEndHour         local hour (0-23) at which quiet hours end
 * @param zone                      time zone of the quiet hours
 * @param ipBucketCapacity          codes one client address may request in a burst
 * @param ipBucketRefill            time in which one client address earns one more code
 * @param subnetBucketCapacity      codes one IPv4 /24 or IPv6 /48 may request in a burst
 * @param subnetBucketRefill        time in which a subnet earns one more code
 * @param clientBucketCapacity      codes one API client / device id may request in a burst
 * @param clientBucketRefill        time in which a client id earns one more code
 * @param prefixDigits              digits after the '+' that form a number prefix for velocity counters
 * @param velocityWindow            sliding window of the prefix and global velocity counters
 * @param prefixSurgeThreshold      codes per prefix per window above which the prefix needs high-difficulty PoW
 * @param prefixBlockThreshold      codes per prefix per window above which the prefix is blocked
 * @param globalSurgeThreshold      codes per channel per window above which every first request needs high-difficulty PoW
 * @param conversionMinSample       codes a prefix must have sent in the window before its verification rate counts
 * @param conversionSuspiciousBelow verification rate below which a prefix needs high-difficulty PoW
 * @param conversionBlockBelow      verification rate below which a prefix is blocked
 * @param prefixBlockDuration       how long an automatic prefix block lasts
 * @param powRequired               whether every attempt must carry a solved proof of work (at least low difficulty)
 * @param powLowDifficulty          ALTCHA max number for a normal request (well under a second in a browser)
 * @param powHighDifficulty         ALTCHA max number for quiet-hours first contact and suspicious prefixes
 * @param powChallengeTtl           how long a challenge may be solved and used
 * @param powKey                    HMAC key signing challenges (at least 32 characters); empty: generated in the data directory
 * @param destinationKey            HMAC key for hashing destinations (at least 32 characters); empty: generated in the data directory
 * @param spendRetryAfter           Retry-After given when the spend cap refuses
 * @param registryMaxLifetime       longest time an operator registry entry may be valid
 * @param redisTimeout              longest wait for the Redis limit store before failing closed
 * @param firstContactHold          how long an SMS code to a number that never completed a verification waits in the
 *                                  outbox, so that a prefix block decided in the meantime can still cancel it; zero: never
 * @param auditQueueCapacity        refusals waiting for the batched audit writer before they are coalesced into counts;
 *                                  0 audits every verdict synchronously
 * @param auditRefusalsPerSecond    refusals per second audited one by one; the rest of a flood becomes per-reason counts
 * @param pumping                   the pumping levels learned from first-code conversion (decision 0023)
 */
@ConfigurationProperties("benteng.shield")
public record ShieldProperties(
        @DefaultValue("MY") List<String> allowedRegions,
        @DefaultValue({"MOBILE", "FIXED_LINE_OR_MOBILE"}) Set<PhoneNumberType> smsNumberTypes,
        @DefaultValue("classpath:my/benteng/shield/disposable-domains.txt") String disposableDomains,
        @DefaultValue({}) List<String> extraDisposableDomains,
        @DefaultValue("3") int destinationHourlyCap,
        @DefaultValue("5") int destinationDailyCap,
        @DefaultValue("PT10M") Duration firstContactInterval,
        @DefaultValue("0") int quietHoursStartHour,
        @DefaultValue("6") int quietHoursEndHour,
        @DefaultValue("Asia/Kuala_Lumpur") ZoneId zone,
        @DefaultValue("20") int ipBucketCapacity,
        @DefaultValue("PT2M") Duration ipBucketRefill,
        @DefaultValue("200") int subnetBucketCapacity,
        @DefaultValue("PT6S") Duration subnetBucketRefill,
        @DefaultValue("5") int clientBucketCapacity,
        @DefaultValue("PT5M") Duration clientBucketRefill,
        @DefaultValue("7") int prefixDigits,
        @DefaultValue("PT1H") Duration velocityWindow,
        @DefaultValue("200") int prefixSurgeThreshold,
        @DefaultValue("1000") int prefixBlockThreshold,
        @DefaultValue("20000") int globalSurgeThreshold,
        @DefaultValue("5") int conversionMinSample,
        @DefaultValue("0.3") double conversionSuspiciousBelow,
        @DefaultValue("0.2") double conversionBlockBelow,
        @DefaultValue("PT12H") Duration prefixBlockDuration,
        @DefaultValue("true") boolean powRequired,
        @DefaultValue("50000") long powLowDifficulty,
        @DefaultValue("1000000") long powHighDifficulty,
        @DefaultValue("PT5M") Duration powChallengeTtl,
        @DefaultValue("") String powKey,
        @DefaultValue("") String destinationKey,
        @DefaultValue("PT1H") Duration spendRetryAfter,
        @DefaultValue("P366D") Duration registryMaxLifetime,
        @DefaultValue("PT0.5S") Duration redisTimeout,
        @DefaultValue("PT20S") Duration firstContactHold,
        @DefaultValue("20000") int auditQueueCapacity,
        @DefaultValue("200") int auditRefusalsPerSecond,
        @DefaultValue Pumping pumping) {

    public ShieldProperties {
        allowedRegions = List.copyOf(allowedRegions);
        smsNumberTypes = Set.copyOf(smsNumberTypes);
        extraDisposableDomains = List.copyOf(extraDisposableDomains);
        positive("destination-hourly-cap", destinationHourlyCap);
        positive("destination-daily-cap", destinationDailyCap);
        positive("ip-bucket-capacity", ipBucketCapacity);
        positive("subnet-bucket-capacity", subnetBucketCapacity);
        positive("client-bucket-capacity", clientBucketCapacity);
        positive("prefix-digits", prefixDigits);
        if (quietHoursStartHour < 0 || quietHoursStartHour > 23 || quietHoursEndHour < 0 || quietHoursEndHour > 23) {
            throw new IllegalArgumentException("benteng.shield.quiet-hours-*-hour must be 0-23");
        }
        if (powLowDifficulty < 1 || powHighDifficulty < powLowDifficulty) {
            throw new IllegalArgumentException("benteng.shield.pow-high-difficulty must be at least pow-low-difficulty (>= 1)");
        }
        if (firstContactHold.isNegative() || firstContactHold.compareTo(Duration.ofMinutes(2)) > 0) {
            // a longer hold would outlive the user's patience (and the code's usefulness)
            throw new IllegalArgumentException("benteng.shield.first-contact-hold must be between 0 and 2 minutes");
        }
        java.util.Objects.requireNonNull(pumping, "pumping");
        if (velocityWindow.toMillis() < 12) {
            throw new IllegalArgumentException("benteng.shield.velocity-window is too short");
        }
    }

    /** The defaults, for unit tests and tools that run without Spring. */
    public static ShieldProperties defaults() {
        return new ShieldProperties(List.of("MY"), Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE),
                "classpath:my/benteng/shield/disposable-domains.txt", List.of(), 3, 5, Duration.ofMinutes(10), 0, 6,
                ZoneId.of("Asia/Kuala_Lumpur"), 20, Duration.ofMinutes(2), 200, Duration.ofSeconds(6), 5,
                Duration.ofMinutes(5), 7, Duration.ofHours(1), 200, 1000, 20000, 5, 0.3, 0.2, Duration.ofHours(12), true,
                50_000, 1_000_000, Duration.ofMinutes(5), "", "", Duration.ofHours(1), Duration.ofDays(366),
                Duration.ofMillis(500), Duration.ofSeconds(20), 20_000, 200, Pumping.defaults());
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("benteng.shield." + name + " must be at least 1");
        }
    }

    /**
     * The pumping signal ({@code benteng.shield.pumping.*}): the share of first codes to never-verified numbers that
     * nobody verifies, over the velocity window, globally and per number range, against a baseline of the platform's
     * own healthy traffic learned per local hour of day. The level it gives tightens first contact only.
     *
     * @param minimumLevel      the lowest level the shield runs at whatever the signal says (an operator's override)
     * @param minSample         first codes the whole channel (or a country) must have sent in the window before its ratio counts
     * @param rangeMinSample    first codes an operator range or prefix must have sent in the window before its ratio counts
     * @param priorBaseline     unverified share assumed healthy before anything is learned
     * @param baselineCeiling   the learned baseline never rises above this, however slowly traffic drifts
     * @param baselineAlpha     weight of one observation in the hour's moving average
     * @param baselineMaxStep   most one observation may move the hour's baseline (absolute share)
     * @param learnEvery        least time between two observations learned into the same hour
     * @param elevatedMargin    ratio above the baseline from which a scope is ELEVATED
     * @param severeMargin      ratio above the baseline from which a scope is SEVERE
     * @param elevatedAbsolute  ratio from which a scope is ELEVATED whatever the baseline
     * @param severeAbsolute    ratio from which a scope is SEVERE whatever the baseline
     * @param hysteresis        how far below its entry line the ratio must fall before a level relaxes
     * @param relaxAfter        how long the ratio must stay there before the level steps down one
     * @param normalHold        first-contact hold at NORMAL (at most 2 s): long enough for a burst into one prefix to get
     *                          it blocked (and its held codes cancelled) before the first of them leaves
     * @param prefixHoldAbove   at NORMAL, a first code whose 7-digit prefix already holds this many first codes nobody
     *                          verified in the window (this one included) is held for {@code first-contact-hold}; 0: never
     * @param severeHold        first-contact hold at SEVERE (ELEVATED uses {@code first-contact-hold})
     * @param severeDifficulty  proof-of-work max number for never-verified numbers at SEVERE (ELEVATED uses the high one)
     * @param velocityDivisor   first codes one prefix may get in the window: the prefix block threshold divided by this at
     *                          ELEVATED, by its square at SEVERE
     */
    public record Pumping(
            @DefaultValue("NORMAL") String minimumLevel,
            @DefaultValue("30") int minSample,
            @DefaultValue("10") int rangeMinSample,
            @DefaultValue("0.3") double priorBaseline,
            @DefaultValue("0.5") double baselineCeiling,
            @DefaultValue("0.1") double baselineAlpha,
            @DefaultValue("0.01") double baselineMaxStep,
            @DefaultValue("PT5M") Duration learnEvery,
            @DefaultValue("0.2") double elevatedMargin,
            @DefaultValue("0.4") double severeMargin,
            @DefaultValue("0.7") double elevatedAbsolute,
            @DefaultValue("0.85") double severeAbsolute,
            @DefaultValue("0.05") double hysteresis,
            @DefaultValue("PT10M") Duration relaxAfter,
            @DefaultValue("PT2S") Duration normalHold,
            @DefaultValue("2") int prefixHoldAbove,
            @DefaultValue("PT20S") Duration severeHold,
            @DefaultValue("4000000") long severeDifficulty,
            @DefaultValue("2") int velocityDivisor) {

        public Pumping {
            minimumLevel = minimumLevel.strip().toUpperCase(java.util.Locale.ROOT);
            if (!List.of("NORMAL", "ELEVATED", "SEVERE").contains(minimumLevel)) {
                throw new IllegalArgumentException("benteng.shield.pumping.minimum-level must be NORMAL, ELEVATED or SEVERE");
            }
            positive("pumping.min-sample", minSample);
            positive("pumping.range-min-sample", rangeMinSample);
            positive("pumping.velocity-divisor", velocityDivisor);
            for (double share : new double[] {priorBaseline, baselineCeiling, baselineAlpha, baselineMaxStep, elevatedMargin,
                    severeMargin, elevatedAbsolute, severeAbsolute, hysteresis}) {
                if (!(share >= 0 && share <= 1)) {
                    throw new IllegalArgumentException("benteng.shield.pumping ratios and weights must be between 0 and 1");
                }
            }
            if (severeMargin < elevatedMargin || severeAbsolute < elevatedAbsolute || baselineCeiling >= elevatedAbsolute) {
                // a ceiling at or above the absolute line would let a slowly learned baseline hide an attack entirely
                throw new IllegalArgumentException("benteng.shield.pumping: severe lines must be above elevated ones, "
                        + "and the baseline ceiling below elevated-absolute");
            }
            // at NORMAL a new user must not wait: the hold is what makes genuine first codes slow
            if (normalHold.isNegative() || normalHold.compareTo(Duration.ofSeconds(2)) > 0) {
                throw new IllegalArgumentException("benteng.shield.pumping.normal-hold must be between 0 and 2 seconds");
            }
            if (prefixHoldAbove < 0) {
                throw new IllegalArgumentException("benteng.shield.pumping.prefix-hold-above must be 0 (off) or more");
            }
            if (severeHold.isNegative() || severeHold.compareTo(Duration.ofMinutes(2)) > 0) {
                throw new IllegalArgumentException("benteng.shield.pumping.severe-hold must be between 0 and 2 minutes");
            }
            if (severeDifficulty < 1) {
                throw new IllegalArgumentException("benteng.shield.pumping.severe-difficulty must be at least 1");
            }
        }

        /** The defaults, for unit tests. */
        public static Pumping defaults() {
            return new Pumping("NORMAL", 30, 10, 0.3, 0.5, 0.1, 0.01, Duration.ofMinutes(5), 0.2, 0.4, 0.7, 0.85, 0.05,
                    Duration.ofMinutes(10), Duration.ofSeconds(2), 2, Duration.ofSeconds(20), 4_000_000, 2);
        }
    }
}

package my.benteng.shield.internal;

import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import my.benteng.shield.Attempt;
import my.benteng.shield.ShieldProperties;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/** Builders shared by the shield's tests. */
final class ShieldFixtures {

    /** 10:00 in Kuala Lumpur: outside quiet hours. */
    static final String DAYTIME = "2026-11-22T02:00:00Z";
    /** 03:00 in Kuala Lumpur: quiet hours. */
    static final String NIGHT = "2026-11-21T19:00:00Z";

    private ShieldFixtures() {
    }

    static Contact.Phone phone(String number) {
        return new Contact.Phone(PhoneNumber.parse(number));
    }

    static Contact.Email email(String address) {
        return new Contact.Email(EmailAddress.parse(address));
    }

    static ClientIp ip(String address) {
        try {
            return new ClientIp(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Attempt attempt(Contact destination, String clientIp) {
        return Attempt.of(destination, "SIGN_UP", ip(clientIp));
    }

    /** The defaults with difficulties small enough to solve in a test and the given PoW requirement. */
    static ShieldProperties properties(boolean powRequired) {
        return properties(powRequired, 2_000, 20_000, 200, 1000, 50, 0.3, 0.1);
    }

    static ShieldProperties properties(boolean powRequired, long low, long high, int surge, int block, int minSample,
                                       double suspiciousBelow, double blockBelow) {
        ShieldProperties d = ShieldProperties.defaults();
        return new ShieldProperties(d.allowedRegions(), d.smsNumberTypes(), d.disposableDomains(), d.extraDisposableDomains(),
                d.destinationHourlyCap(), d.destinationDailyCap(), d.firstContactInterval(), d.quietHoursStartHour(),
                d.quietHoursEndHour(), d.zone(), d.ipBucketCapacity(), d.ipBucketRefill(), d.subnetBucketCapacity(),
                d.subnetBucketRefill(), d.clientBucketCapacity(), d.clientBucketRefill(), d.prefixDigits(), d.velocityWindow(),
                surge, block, d.globalSurgeThreshold(), minSample, suspiciousBelow, blockBelow, d.prefixBlockDuration(),
                powRequired, low, high, Duration.ofMinutes(5), "", "", d.spendRetryAfter(), d.registryMaxLifetime(),
                d.redisTimeout(), d.firstContactHold(), d.auditQueueCapacity(), d.auditRefusalsPerSecond(), d.pumping());
    }

    /** {@code p} with pumping settings whose operator minimum level is {@code level} (and the rest as given). */
    static ShieldProperties minimumLevel(ShieldProperties p, String level) {
        ShieldProperties.Pumping d = p.pumping();
        return pumping(p, new ShieldProperties.Pumping(level, d.minSample(), d.rangeMinSample(), d.priorBaseline(),
                d.baselineCeiling(), d.baselineAlpha(), d.baselineMaxStep(), d.learnEvery(), d.elevatedMargin(), d.severeMargin(),
                d.elevatedAbsolute(), d.severeAbsolute(), d.hysteresis(), d.relaxAfter(), d.normalHold(), d.prefixHoldAbove(), d.severeHold(),
                d.severeDifficulty(), d.velocityDivisor()));
    }

    static ShieldProperties pumping(ShieldProperties d, ShieldProperties.Pumping pumping) {
        return new ShieldProperties(d.allowedRegions(), d.smsNumberTypes(), d.disposableDomains(), d.extraDisposableDomains(),
                d.destinationHourlyCap(), d.destinationDailyCap(), d.firstContactInterval(), d.quietHoursStartHour(),
                d.quietHoursEndHour(), d.zone(), d.ipBucketCapacity(), d.ipBucketRefill(), d.subnetBucketCapacity(),
                d.subnetBucketRefill(), d.clientBucketCapacity(), d.clientBucketRefill(), d.prefixDigits(), d.velocityWindow(),
                d.prefixSurgeThreshold(), d.prefixBlockThreshold(), d.globalSurgeThreshold(), d.conversionMinSample(),
                d.conversionSuspiciousBelow(), d.conversionBlockBelow(), d.prefixBlockDuration(), d.powRequired(),
                d.powLowDifficulty(), d.powHighDifficulty(), d.powChallengeTtl(), d.powKey(), d.destinationKey(),
                d.spendRetryAfter(), d.registryMaxLifetime(), d.redisTimeout(), d.firstContactHold(), d.auditQueueCapacity(),
                d.auditRefusalsPerSecond(), pumping);
    }

    /** {@code p} with the pumping signal's sample sizes set (large: the signal never judges; other rules tested alone). */
    static ShieldProperties pumpingSamples(ShieldProperties p, int global, int range) {
        ShieldProperties.Pumping d = p.pumping();
        return pumping(p, new ShieldProperties.Pumping(d.minimumLevel(), global, range, d.priorBaseline(),
                d.baselineCeiling(), d.baselineAlpha(), d.baselineMaxStep(), d.learnEvery(), d.elevatedMargin(), d.severeMargin(),
                d.elevatedAbsolute(), d.severeAbsolute(), d.hysteresis(), d.relaxAfter(), d.normalHold(), d.prefixHoldAbove(), d.severeHold(),
                d.severeDifficulty(), d.velocityDivisor()));
    }
}

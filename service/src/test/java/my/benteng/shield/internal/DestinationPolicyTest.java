package my.benteng.shield.internal;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import my.benteng.shield.DenyKind;
import my.benteng.shield.ShieldProperties;
import my.benteng.shield.Verdict;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import java.util.Set;

import static my.benteng.shield.internal.ShieldFixtures.email;
import static my.benteng.shield.internal.ShieldFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

class DestinationPolicyTest {

    private final DestinationPolicy policy = new DestinationPolicy(ShieldProperties.defaults(),
            ShieldConfiguration.disposableDomains(ShieldProperties.defaults(), new DefaultResourceLoader()));

    @Test
    void malaysianMobileNumbersMayReceiveCodes() {
        assertThat(policy.check(phone("+60 12-345 6789"))).isEmpty();
        assertThat(policy.check(phone("011-2345 6789"))).isEmpty();
    }

    @Test
    void numbersOutsideTheAllowedRegionsAreUndeliverable() {
        assertThat(policy.check(example("GB", PhoneNumberType.MOBILE))).contains(undeliverable("shield.destination.region"));
    }

    @Test
    void fixedLinesCannotReceiveSms() {
        assertThat(policy.check(phone("+60 3-2345 6789"))).contains(undeliverable("shield.destination.fixed_line"));
    }

    @Test
    void premiumRateAndTollFreeNumbersAreRefusedBecauseTheyBillTheSender() {
        assertThat(policy.check(example("MY", PhoneNumberType.PREMIUM_RATE))).contains(undeliverable("shield.destination.premium_rate"));
        assertThat(policy.check(example("MY", PhoneNumberType.TOLL_FREE))).contains(undeliverable("shield.destination.toll_free"));
    }

    @Test
    void numberTypesThatNeverReachAPersonAreRefusedEvenWhenConfiguredAllowed() {
        ShieldProperties d = ShieldProperties.defaults();
        ShieldProperties careless = new ShieldProperties(d.allowedRegions(), Set.of(PhoneNumberType.values()), d.disposableDomains(),
                d.extraDisposableDomains(), 3, 5, d.firstContactInterval(), 0, 6, d.zone(), 20, d.ipBucketRefill(), 200,
                d.subnetBucketRefill(), 5, d.clientBucketRefill(), 7, d.velocityWindow(), 200, 1000, 20000, 50, 0.3, 0.1,
                d.prefixBlockDuration(), true, 1000, 2000, d.powChallengeTtl(), "", "", d.spendRetryAfter(),
                d.registryMaxLifetime(), d.redisTimeout(), d.firstContactHold(), d.auditQueueCapacity(), d.auditRefusalsPerSecond(), d.pumping());
        DestinationPolicy lax = new DestinationPolicy(careless, Set.of());
        assertThat(lax.check(example("MY", PhoneNumberType.PREMIUM_RATE))).contains(undeliverable("shield.destination.premium_rate"));
        assertThat(lax.check(phone("+60 3-2345 6789"))).isEmpty();
    }

    @Test
    void disposableDomainsAndTheirSubdomainsAreRefused() {
        assertThat(policy.check(email("someone@mailinator.com"))).contains(undeliverable("shield.destination.disposable_domain"));
        assertThat(policy.check(email("someone@eu.mailinator.com"))).contains(undeliverable("shield.destination.disposable_domain"));
        assertThat(policy.check(email("someone@moh.gov.my"))).isEmpty();
        assertThat(policy.check(email("someone@notmailinator.com"))).isEmpty();
    }

    /** libphonenumber's own example of a type, so the test follows its metadata. */
    private static my.benteng.platform.Contact.Phone example(String region, PhoneNumberType type) {
        var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        return phone(util.format(util.getExampleNumberForType(region, type),
                com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    private static Verdict undeliverable(String reason) {
        return new Verdict.Deny(reason, java.time.Duration.ZERO, DenyKind.UNDELIVERABLE);
    }
}

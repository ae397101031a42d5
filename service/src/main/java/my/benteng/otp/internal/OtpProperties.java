package my.benteng.otp.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * One-time code settings ({@code benteng.otp.*}). The defaults are NIST SP 800-63B §5.1.3 / ASVS 2.7.
 *
 * @param pepper               HMAC key for stored codes and tokens; generated into the data dir when empty (required in prod)
 * @param digits               code length, 6 to 8
 * @param codeTtl              how long a code is valid; never above 10 minutes
 * @param maxAttemptsPerCode   wrong tries before a code is dead
 * @param maxFailuresPerHour   wrong tries per destination per hour before verification for it locks
 * @param lockDuration         how long that lock lasts
 * @param resendCooldowns      wait before the 1st, 2nd, 3rd… resend to one destination and purpose (the last repeats)
 * @param cooldownMemory       how far back earlier codes count towards the cooldown step
 * @param tokenTtl             lifetime of the verification token a verified code yields
 */
@ConfigurationProperties("benteng.otp")
public record OtpProperties(
        @DefaultValue("") String pepper,
        @DefaultValue("6") int digits,
        @DefaultValue("PT5M") Duration codeTtl,
        @DefaultValue("5") int maxAttemptsPerCode,
        @DefaultValue("10") int maxFailuresPerHour,
        @DefaultValue("PT1H") Duration lockDuration,
        @DefaultValue({"PT60S", "PT120S", "PT300S", "PT600S"}) List<Duration> resendCooldowns,
        @DefaultValue("PT24H") Duration cooldownMemory,
        @DefaultValue("PT10M") Duration tokenTtl) {

    public OtpProperties {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("benteng.otp.digits must be between 6 and 8");
        }
        if (codeTtl.isNegative() || codeTtl.isZero() || codeTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("benteng.otp.code-ttl must be positive and at most 10 minutes");
        }
        if (resendCooldowns.isEmpty()) {
            throw new IllegalArgumentException("benteng.otp.resend-cooldowns must not be empty");
        }
    }

    @Override
    public String toString() {
        return "OtpProperties[digits=" + digits + ", codeTtl=" + codeTtl + ", pepper=redacted]";
    }
}

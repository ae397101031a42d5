package my.benteng.account.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the account module ({@code benteng.account.*}).
 *
 * @param contactKey             base64 of 32 random bytes: HMAC-SHA256 key of the contact lookup hash (env
 *                               {@code BENTENG_ACCOUNT_CONTACT_KEY}); empty: generated once into
 *                               {@code ${benteng.data-dir}/account-contact.key} (embedded default, refused in prod)
 * @param secretsKey             base64 of 32 random bytes: AES-256-GCM key of staff TOTP secrets (env
 *                               {@code BENTENG_ACCOUNT_SECRETS_KEY}); empty: generated once into
 *                               {@code ${benteng.data-dir}/account-secrets.key} (embedded default, refused in prod)
 * @param sessionIdleTimeout     a session unused this long ends
 * @param citizenSessionLifetime a citizen session ends this long after sign-in however much it is used
 * @param staffSessionLifetime   a staff session ends this long after sign-in however much it is used
 * @param lastUsedWriteInterval  a session's last use is written at most this often (SQLite has one writer)
 * @param maxLoginFailures       consecutive failed staff sign-ins for one username before it locks
 * @param lockoutDuration        how long a locked username stays locked
 * @param totpIssuer             issuer shown by authenticator apps for staff TOTP entries
 * @param createOperator         the command {@code --benteng.account.create-operator=<username>}: create the
 *                               first operator (password from env {@code BENTENG_BOOTSTRAP_OPERATOR_PASSWORD}) and exit
 */
@ConfigurationProperties("benteng.account")
public record AccountProperties(
        @DefaultValue("") String contactKey,
        @DefaultValue("") String secretsKey,
        @DefaultValue("PT30M") Duration sessionIdleTimeout,
        @DefaultValue("PT12H") Duration citizenSessionLifetime,
        @DefaultValue("PT8H") Duration staffSessionLifetime,
        @DefaultValue("PT1M") Duration lastUsedWriteInterval,
        @DefaultValue("5") int maxLoginFailures,
        @DefaultValue("PT15M") Duration lockoutDuration,
        @DefaultValue("Benteng") String totpIssuer,
        @DefaultValue("") String createOperator) {

    public AccountProperties {
        contactKey = contactKey == null ? "" : contactKey.strip();
        secretsKey = secretsKey == null ? "" : secretsKey.strip();
        createOperator = createOperator == null ? "" : createOperator.strip();
        requirePositive(sessionIdleTimeout, "session-idle-timeout");
        requirePositive(citizenSessionLifetime, "citizen-session-lifetime");
        requirePositive(staffSessionLifetime, "staff-session-lifetime");
        requirePositive(lockoutDuration, "lockout-duration");
        if (lastUsedWriteInterval == null || lastUsedWriteInterval.isNegative()) {
            throw new IllegalArgumentException("benteng.account.last-used-write-interval must not be negative");
        }
        if (lastUsedWriteInterval.compareTo(sessionIdleTimeout) >= 0) {
            throw new IllegalArgumentException("benteng.account.last-used-write-interval must be shorter than the idle timeout");
        }
        if (maxLoginFailures < 1) {
            throw new IllegalArgumentException("benteng.account.max-login-failures must be positive");
        }
        if (totpIssuer == null || !totpIssuer.matches("[A-Za-z0-9 ._-]{1,40}")) {
            throw new IllegalArgumentException("benteng.account.totp-issuer must be 1-40 letters, digits, spaces, '.', '_' or '-'");
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("benteng.account." + name + " must be positive");
        }
    }

    /** Never prints a key: configuration ends up in logs and actuator output. */
    @Override
    public String toString() {
        return "AccountProperties[contactKey=" + (contactKey.isEmpty() ? "(generated)" : "(set)")
                + ", secretsKey=" + (secretsKey.isEmpty() ? "(generated)" : "(set)")
                + ", sessionIdleTimeout=" + sessionIdleTimeout + ", citizenSessionLifetime=" + citizenSessionLifetime
                + ", staffSessionLifetime=" + staffSessionLifetime + ", lastUsedWriteInterval=" + lastUsedWriteInterval
                + ", maxLoginFailures=" + maxLoginFailures + ", lockoutDuration=" + lockoutDuration
                + ", totpIssuer=" + totpIssuer + ", createOperator=" + (createOperator.isEmpty() ? "(off)" : "(on)") + "]";
    }
}

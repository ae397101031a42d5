package my.benteng.audit.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the audit module ({@code benteng.audit.*}).
 *
 * @param signingKey         base64 PKCS#8 Ed25519 private key that signs checkpoints (env
 *                           {@code BENTENG_AUDIT_SIGNING_KEY}); empty: a key generated once into
 *                           {@code ${benteng.data-dir}/audit-ed25519.key} (embedded default, refused in prod)
 * @param previousPublicKeys base64 X.509 Ed25519 public keys of retired signing keys, so older checkpoints still verify
 * @param checkpointEvery    sign a checkpoint whenever the chain reaches a multiple of this many entries (0: never)
 * @param checkpointInterval also sign one this often when the head moved since the last checkpoint
 * @param verifyPageSize     entries read per page while verifying
 */
@ConfigurationProperties("benteng.audit")
public record AuditProperties(
        @DefaultValue("") String signingKey,
        @DefaultValue({}) List<String> previousPublicKeys,
        @DefaultValue("1000") long checkpointEvery,
        @DefaultValue("PT5M") Duration checkpointInterval,
        @DefaultValue("1000") int verifyPageSize) {

    public AuditProperties {
        signingKey = signingKey == null ? "" : signingKey.strip();
        previousPublicKeys = List.copyOf(previousPublicKeys == null ? List.of() : previousPublicKeys);
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("benteng.audit.checkpoint-every must not be negative");
        }
        if (checkpointInterval == null || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("benteng.audit.checkpoint-interval must be positive");
        }
        if (verifyPageSize < 1) {
            throw new IllegalArgumentException("benteng.audit.verify-page-size must be positive");
        }
    }

    boolean signingKeyConfigured() {
        return !signingKey.isEmpty();
    }

    /** Never prints the private key: configuration is dumped into logs and actuator output. */
    @Override
    public String toString() {
        return "AuditProperties[signingKey=" + (signingKeyConfigured() ? "(set)" : "(generated)")
                + ", previousPublicKeys=" + previousPublicKeys.size() + ", checkpointEvery=" + checkpointEvery
                + ", checkpointInterval=" + checkpointInterval + ", verifyPageSize=" + verifyPageSize + "]";
    }
}

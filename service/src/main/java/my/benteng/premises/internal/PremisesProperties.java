package my.benteng.premises.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the premises module ({@code benteng.premises.*}).
 *
 * @param qrKeyId             the key id new QR codes are issued under (1-255)
 * @param qrKeys              QR MAC keys by key id, each base64 of 32 random bytes (env
 *                            {@code BENTENG_PREMISES_QRKEYS_<id>}); a code issued under a key id verifies while its key
 *                            is here, so rotation is: add a key, move {@code qr-key-id} to it, later remove the old one.
 *                            Empty: one key generated once into {@code ${benteng.data-dir}/premises-qr-<id>.key}
 *                            (embedded default, refused in prod)
 * @param maxPerOwnerPerDay   premises one owner (phone) may register in a rolling day
 * @param maxPerIpPerDay      registration attempts one client address may make in a rolling day
 * @param maxPostersPerHour   posters one owner may render in a rolling hour (rendering an A4 image costs CPU)
 * @param verifyCacheTtl      how long a node reuses a premises' current QR version and name when verifying scans; a
 *                            re-issued (revoked) poster stops working on every node within this time (0: read every time)
 */
@ConfigurationProperties("benteng.premises")
public record PremisesProperties(
        @DefaultValue("1") int qrKeyId,
        Map<Integer, String> qrKeys,
        @DefaultValue("5") int maxPerOwnerPerDay,
        @DefaultValue("20") int maxPerIpPerDay,
        @DefaultValue("30") int maxPostersPerHour,
        @DefaultValue("PT5S") Duration verifyCacheTtl) {

    public PremisesProperties {
        if (qrKeyId < 1 || qrKeyId > 255) {
            throw new IllegalArgumentException("benteng.premises.qr-key-id must be 1-255");
        }
        qrKeys = qrKeys == null ? Map.of() : Map.copyOf(qrKeys);
        for (Integer id : qrKeys.keySet()) {
            if (id < 1 || id > 255) {
                throw new IllegalArgumentException("benteng.premises.qr-keys ids must be 1-255");
            }
        }
        if (!qrKeys.isEmpty() && !qrKeys.containsKey(qrKeyId)) {
            throw new IllegalArgumentException("benteng.premises.qr-keys has no key for qr-key-id");
        }
        if (verifyCacheTtl == null || verifyCacheTtl.isNegative() || verifyCacheTtl.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("benteng.premises.verify-cache-ttl must be 0-60 s (it bounds how long a revoked QR works)");
        }
        if (maxPerOwnerPerDay < 1 || maxPerIpPerDay < 1 || maxPostersPerHour < 1) {
            throw new IllegalArgumentException("benteng.premises.max-per-*-per-day must be positive");
        }
    }

    /** Never prints a key. */
    @Override
    public String toString() {
        return "PremisesProperties[qrKeyId=" + qrKeyId + ", qrKeys=" + (qrKeys.isEmpty() ? "(generated)" : new TreeMap<>(qrKeys).keySet())
                + ", maxPerOwnerPerDay=" + maxPerOwnerPerDay + ", maxPerIpPerDay=" + maxPerIpPerDay
                + ", maxPostersPerHour=" + maxPostersPerHour + ", verifyCacheTtl=" + verifyCacheTtl + "]";
    }
}

package my.benteng.shield.internal;

import my.benteng.platform.ClientIp;
import my.benteng.shield.Attempt;
import my.benteng.shield.ClientQuota;
import my.benteng.shield.ShieldProperties;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Rule 4: token buckets per client address, per subnet (IPv4 /24, IPv6 /48) and per API client / device id; and the
 * sliding windows of callers' own {@link ClientQuota}s.
 * Subnet buckets are larger than address buckets because a national service sees whole towns behind one
 * carrier-grade NAT range; the subnet bucket is what stops a bot that rotates addresses within its range.
 */
class ClientLimitPolicy {

    private final ShieldProperties properties;

    ClientLimitPolicy(ShieldProperties properties) {
        this.properties = properties;
    }

    List<Limit> limits(Attempt attempt) {
        List<Limit> limits = new ArrayList<>(3);
        limits.add(Limit.bucket("ip:" + attempt.clientIp().text(), "shield.client.ip",
                properties.ipBucketCapacity(), properties.ipBucketRefill()));
        limits.add(Limit.bucket("net:" + attempt.clientIp().subnet(), "shield.client.subnet",
                properties.subnetBucketCapacity(), properties.subnetBucketRefill()));
        attempt.clientId().ifPresent(id -> limits.add(Limit.bucket("cid:" + digest(id), "shield.client.id",
                properties.clientBucketCapacity(), properties.clientBucketRefill())));
        return limits;
    }

    /**
     * A caller's quotas as sliding windows, keyed by the quota's reason and the client's address or subnet. Under
     * {@code q:}, apart from every key of the shield's own.
     */
    static List<Limit> quotas(ClientIp ip, List<ClientQuota> quotas) {
        List<Limit> limits = new ArrayList<>(quotas.size());
        for (ClientQuota quota : quotas) {
            String client = quota.scope() == ClientQuota.Scope.ADDRESS ? ip.text() : ip.subnet();
            limits.add(Limit.window("q:" + quota.reason() + ":" + client, quota.reason(), quota.max(), quota.window()));
        }
        return limits;
    }

    /** The id is client input: hashed, it cannot put odd bytes or unbounded length into a key. */
    private static String digest(String id) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package my.benteng.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Solves ALTCHA challenges as an efficient attacker would on a CPU: the salt is hashed once and the digest
 * state cloned for every candidate number (no string building). Reports the CPU time of the solving thread,
 * so that the cost is measured even while the service competes for the same cores.
 */
final class Pow {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A solved challenge: the payload for the {@code pow} field, its difficulty and what solving cost. */
    /** {@code hashes}: the SHA-256 evaluations the search took (the number found, plus one). */
    record Solution(String payload, long difficulty, long cpuNanos, long wallNanos, long hashes) {
    }

    private Pow() {
    }

    /** Solves the challenge JSON ({algorithm, challenge, maxnumber, salt, signature}); must run on a platform thread. */
    static Solution solve(JsonNode c) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        String challenge = c.get("challenge").asString();
        String salt = c.get("salt").asString();
        long max = c.get("maxnumber").asLong();
        byte[] target = HexFormat.of().parseHex(challenge);
        long found = -1;
        try {
            MessageDigest base = MessageDigest.getInstance("SHA-256");
            base.update(salt.getBytes(StandardCharsets.UTF_8));
            byte[] digits = new byte[20];
            for (long n = 0; n <= max; n++) {
                MessageDigest md = (MessageDigest) base.clone();
                int len = toDigits(n, digits);
                md.update(digits, digits.length - len, len);
                if (Arrays.equals(md.digest(), target)) {
                    found = n;
                    break;
                }
            }
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        if (found < 0) {
            throw new IllegalStateException("challenge has no solution up to " + max);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("algorithm", c.get("algorithm").asString());
        payload.put("challenge", challenge);
        payload.put("number", found);
        payload.put("salt", salt);
        payload.put("signature", c.get("signature").asString());
        String b64 = Base64.getEncoder().encodeToString(JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
        return new Solution(b64, max, cpu, wall, found + 1);
    }

    /** Writes the decimal digits of n right-aligned into buf, returns how many. */
    private static int toDigits(long n, byte[] buf) {
        int i = buf.length;
        do {
            buf[--i] = (byte) ('0' + (n % 10));
            n /= 10;
        } while (n != 0);
        return buf.length - i;
    }
}

package my.benteng.shield.internal;

import my.benteng.platform.KeyedHash;
import my.benteng.shield.PowChallenge;
import org.altcha.altcha.Altcha;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Issues and checks ALTCHA proof-of-work challenges. The difficulty ({@code d}) and expiry travel as
 * parameters inside the salt, which the HMAC signature covers, so a client cannot present a solution of an
 * easy challenge where a hard one is required. Expiry is checked against the service clock (the library's
 * own check would read the system clock). That a solution is used only once is the shield state's job.
 */
public class PowService {

    /** A widget payload is ~300 characters; anything much longer is refused before decoding. */
    static final int MAX_PAYLOAD_CHARS = 2048;
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // the widget adds "took"
            .build();

    private final String hmacKey;
    private final KeyedHash signingKey;
    private final Clock clock;
    private final Duration ttl;

    PowService(String hmacKey, Clock clock, Duration ttl) {
        this.hmacKey = hmacKey;
        this.signingKey = new KeyedHash(hmacKey.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A new challenge of the given difficulty (ALTCHA max number), valid for the configured time. */
    public PowChallenge issue(long difficulty) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        try {
            Altcha.ChallengeOptions options = new Altcha.ChallengeOptions()
                    .setAlgorithm(Altcha.Algorithm.SHA256)
                    .setMaxNumber(difficulty)
                    .setSecureRandomNumber(true)
                    .setHmacKey(hmacKey)
                    .setExpires(expires)
                    .addParam("d", Long.toString(difficulty));
            Altcha.Challenge c = Altcha.createChallenge(options);
            return new PowChallenge(c.algorithm, c.challenge, c.maxnumber, c.salt, c.signature);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a proof-of-work challenge", e);
        }
    }

    /** The outcome of checking a solution. */
    sealed interface Check {
    }

    /** A genuine, unexpired solution; {@code id} identifies it for the spent marker. */
    record Valid(String id, long difficulty, Instant expiresAt) implements Check {
    }

    /** Not acceptable; {@code reason} is {@code shield.pow.invalid} or {@code shield.pow.expired}. */
    record Invalid(String reason) implements Check {
    }

    private record Payload(String algorithm, String challenge, Long number, String salt, String signature) {
    }

    /** Exactly 64 lower-case hex digits: the challenge is the spent marker's id, so it has one spelling only. */
    private static boolean lowerHex64(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Checks a base64 payload; never throws, whatever the client sent. */
    Check verify(String base64Payload) {
        try {
            if (base64Payload == null || base64Payload.length() > MAX_PAYLOAD_CHARS) {
                return new Invalid("shield.pow.invalid");
            }
            Payload p = JSON.readValue(Base64.getDecoder().decode(base64Payload.trim()), Payload.class);
            if (p == null || !"SHA-256".equals(p.algorithm()) || !lowerHex64(p.challenge()) || !lowerHex64(p.signature())
                    || p.number() == null || p.number() < 0 || p.salt() == null || p.salt().length() > 256) {
                return new Invalid("shield.pow.invalid");
            }
            Map<String, String> params = Altcha.extractParams(p.salt());
            long difficulty = Long.parseLong(params.get("d"));
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(params.get("expires")));
            if (p.number() > difficulty) {
                return new Invalid("shield.pow.invalid");
            }
            // ALTCHA's own check, done here instead of with Altcha.verifySolution: the library re-creates the whole
            // challenge per call (reflection, hex by Integer.toHexString, a new Mac), which profiled at half of what a
            // refused request cost the shield. Same rules: SHA-256(salt + number) is the challenge, HMAC-SHA256 of the
            // challenge under our key is the signature — both compared in constant time
            byte[] work = MessageDigest.getInstance("SHA-256").digest((p.salt() + p.number()).getBytes(StandardCharsets.UTF_8));
            byte[] signature = signingKey.mac(p.challenge().getBytes(StandardCharsets.UTF_8));
            if (!MessageDigest.isEqual(work, HexFormat.of().parseHex(p.challenge()))
                    | !MessageDigest.isEqual(signature, HexFormat.of().parseHex(p.signature()))) {
                return new Invalid("shield.pow.invalid");
            }
            if (!clock.instant().isBefore(expiresAt)) {
                return new Invalid("shield.pow.expired");
            }
            return new Valid(p.challenge(), difficulty, expiresAt);
        } catch (Exception e) {
            // malformed base64, JSON, parameters or numbers: all the same to the client
            return new Invalid("shield.pow.invalid");
        }
    }
}

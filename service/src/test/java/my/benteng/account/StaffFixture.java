package my.benteng.account;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import my.benteng.account.internal.StaffService;

import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A member of staff made for a test, and what their authenticator app would show. */
record StaffFixture(String id, String username, String password, byte[] secret) {

    static final String PASSWORD = "correct horse battery staple";
    private static final SecureRandom RANDOM = new SecureRandom();

    static StaffFixture create(StaffService staff, String... roles) {
        String username = "staff-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        StaffService.CreatedStaff created = staff.create(username, List.of(roles), PASSWORD, "test", null);
        return fromUri(created.id(), username, PASSWORD, created.otpauthUri());
    }

    static StaffFixture fromUri(String id, String username, String password, String otpauthUri) {
        String query = URI.create(otpauthUri).getRawQuery();
        for (String part : query.split("&")) {
            if (part.startsWith("secret=")) {
                return new StaffFixture(id, username, password, base32(part.substring(7)));
            }
        }
        throw new IllegalArgumentException("no secret in the URI");
    }

    /** The code an authenticator app shows at {@code at}. */
    String totp(Instant at) {
        try {
            return new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6)
                    .generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"), at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    String signInJson(Instant at) {
        return signInJson(password, totp(at));
    }

    String signInJson(String password, String code) {
        return "{\"username\":" + Http.q(username) + ",\"password\":" + Http.q(password) + ",\"totp\":" + Http.q(code) + "}";
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "StaffFixture[" + username + "]";
    }
}

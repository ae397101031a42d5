package my.benteng.account.internal;

import my.benteng.platform.InvalidValueException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Staff password hashing and the password policy. Argon2id with the first parameter set OWASP's Password
 * Storage Cheat Sheet recommends (m = 19 MiB, t = 2, p = 1; 16-byte salt, 32-byte hash). Policy after NIST SP
 * 800-63B §3.1.1.2: length 12–128, no composition rules, no passwords that contain the username, are one
 * repeated character or are on a short list of the most common long passwords.
 */
final class StaffPasswords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = Set.of("password1234", "123456789012", "qwertyuiop12", "1234567890ab",
            "passwordpassword", "iloveyou1234", "abcdefghijkl", "qwertyuiopas", "adminadmin12", "administrator",
            "changeme1234", "welcome12345", "letmein12345", "benteng12345", "mysejahtera1");

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    /**
     * Verified against when the username is unknown, so that every sign-in costs the same Argon2 work. Made on a
     * background thread, not on the start-up path (one Argon2 hash, 0.2-0.5 s here); the first sign-in waits for it.
     */
    private final CompletableFuture<String> decoy = CompletableFuture.supplyAsync(() -> encoder.encode("decoy-password-that-no-one-has"),
            task -> Thread.ofVirtual().name("staff-password-decoy").start(task));

    /** @throws InvalidValueException naming the rule (never the password) */
    static void checkPolicy(String password, String username) {
        if (password == null || password.isEmpty()) {
            throw new InvalidValueException("password", "is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new InvalidValueException("password", "must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidValueException("password", "must have at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isEmpty() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw new InvalidValueException("password", "must not contain the username");
        }
        if (password.codePoints().distinct().count() < 4 || COMMON.contains(lower)) {
            throw new InvalidValueException("password", "is too easy to guess");
        }
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    /** Always does the Argon2 work, also for a missing hash or an over-long password. */
    boolean matches(String password, String hash) {
        String candidate = password == null || password.length() > 4 * MAX_LENGTH ? "" : password;
        boolean match = encoder.matches(candidate, hash == null ? decoy.join() : hash);
        return match && hash != null && !candidate.isEmpty();
    }

    @Override
    public String toString() {
        return "StaffPasswords[argon2id m=19MiB t=2 p=1]";
    }
}

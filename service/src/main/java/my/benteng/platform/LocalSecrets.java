package my.benteng.platform;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Deployment secrets (peppers, HMAC keys) for the embedded default. Production configures each secret
 * explicitly and every module's {@link ProductionCheck} insists on it; without one, the embedded default
 * generates 256 random bits once into the data directory (owner-readable only) so that hashes and tokens
 * survive a restart. Secret values never reach a log, an exception or {@code toString()}.
 */
@Component
public class LocalSecrets {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LocalSecrets.class);

    /** Configured secrets shorter than this are refused by the production checks. */
    public static final int MIN_LENGTH = 32;

    private final Path dataDir;
    private final SecureRandom random;

    public LocalSecrets(PlatformProperties platform, SecureRandom random) {
        this.dataDir = platform.dataDir();
        this.random = random;
    }

    /**
     * The configured secret when there is one, else the one stored as {@code fileName} in the data
     * directory, generated on first use.
     */
    public byte[] secret(String configured, String fileName) {
        String value = configured == null || configured.isBlank() ? fileSecret(dataDir.resolve(fileName), MIN_LENGTH) : configured;
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The configured secret's UTF-8 bytes when there is one, else the key stored base64 as {@code fileName}, decoded: 32
     * random bytes, generated on first use. Unlike {@link #secret} the file's text is decoded, and a file that already
     * exists is used whatever its length (keys made by earlier versions in this format must keep their hashes matching).
     *
     * @throws IllegalStateException naming the file (never its content) when it is not base64
     */
    public byte[] secretOrFileKey(String configured, String fileName) {
        if (configured != null && !configured.isBlank()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(fileSecret(dataDir.resolve(fileName), 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(fileName + " is not base64");
        }
    }

    /**
     * A 256-bit key: the configured value (base64 of exactly 32 bytes) or the one stored as {@code fileName},
     * generated on first use.
     *
     * @throws IllegalStateException naming the setting or file (never the value) when it is not such a key
     */
    public byte[] key256(String configured, String setting, String fileName) {
        boolean fromConfig = configured != null && !configured.isBlank();
        String text = fromConfig ? configured.strip() : fileSecret(dataDir.resolve(fileName), MIN_LENGTH);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException((fromConfig ? setting : fileName) + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException((fromConfig ? setting : fileName) + " must hold exactly 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }

    /** Whether a configured value is acceptable as a production secret (present and long enough). */
    public static boolean isStrong(String configured) {
        return configured != null && configured.strip().length() >= MIN_LENGTH;
    }

    /** The stripped text of {@code file}, unless it is shorter than {@code minLength}: then a new one replaces it. */
    private synchronized String fileSecret(Path file, int minLength) {
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (key.length() >= minLength) {
                    return key;
                }
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String key = Base64.getEncoder().encodeToString(bytes);
            Path tmp = Files.createTempFile(dir, ".secret", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data directory's own permissions must do
            }
            Files.writeString(tmp, key, StandardCharsets.UTF_8);
            // atomic: two nodes or threads racing on first start end up with one complete file, never half of one
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            log.warn("Generated a new secret in {}; configure it explicitly in production", file.toAbsolutePath());
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret file " + file.getFileName(), e);
        }
    }
}

package my.benteng.shield.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The shield's two secrets: the key signing PoW challenges and the key hashing destinations. Production
 * configures both (the production check insists); the embedded default generates each once into the data
 * directory, readable by the owner only, so that it survives restarts.
 */
record ShieldKeys(String powKey, byte[] destinationKey) {

    static final int MIN_LENGTH = 32;

    static ShieldKeys load(String configuredPowKey, String configuredDestinationKey, Path dataDir, SecureRandom random) {
        String pow = configuredPowKey.isBlank() ? fileKey(dataDir.resolve("shield-pow.key"), random) : configuredPowKey;
        String dest = configuredDestinationKey.isBlank() ? fileKey(dataDir.resolve("shield-destination.key"), random)
                : configuredDestinationKey;
        return new ShieldKeys(pow, dest.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized String fileKey(Path file, SecureRandom random) {
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (key.length() >= MIN_LENGTH) {
                    return key;
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String key = Base64.getEncoder().encodeToString(bytes);
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system (Windows): the data directory's own permissions must do
            }
            Files.writeString(tmp, key, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the shield key " + file.getFileName(), e);
        }
    }
}

package my.benteng.account.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Loads the module's 256-bit symmetric keys: from configuration, or in the embedded default from a key file
 * under the data directory, made on first start with owner-only permissions. Messages name the setting or
 * file, never key material.
 */
final class AccountKeys {

    static final String CONTACT_KEY_FILE = "account-contact.key";
    static final String SECRETS_KEY_FILE = "account-secrets.key";
    private static final int KEY_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(AccountKeys.class);

    private AccountKeys() {
    }

    static byte[] load(String configured, String setting, Path file, SecureRandom random) {
        if (!configured.isEmpty()) {
            return decode(configured, setting);
        }
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                random.nextBytes(key);
                try {
                    writeOwnerOnly(file, Base64.getEncoder().encodeToString(key));
                    log.warn("Generated a new key in {}; configure {} in production", file.toAbsolutePath(), setting);
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs, so that one key serves this data directory
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file.toAbsolutePath(), e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold exactly " + KEY_BYTES + " bytes (base64 of 32 random bytes)");
        }
        return key;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content + "\n", StandardCharsets.US_ASCII);
    }
}

package my.benteng.messaging.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.PhoneNumber;
import my.benteng.platform.PlatformProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suppression list is keyed by these hashes: golden values computed before the key loading moved to
 * {@code platform.LocalSecrets}, for a key file written by the old code and for a configured key.
 */
class RecipientHasherTest {

    private static final Contact PHONE = Contact.of(PhoneNumber.parse("+60123456789"));
    private static final Contact EMAIL = Contact.of(EmailAddress.parse("Siti.Aminah@Contoh.my"));

    @TempDir
    Path dataDir;

    @Test
    void aKeyFileInTheOldFormatGivesTheSameHashes() throws Exception {
        // what the embedded default wrote: base64 of 32 random bytes, no line end
        Files.writeString(dataDir.resolve("messaging-recipient.key"),
                Base64.getEncoder().encodeToString(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")));

        RecipientHasher hasher = hasher("");

        assertThat(hasher.hash(PHONE)).isEqualTo("29f6177d29a00c2fc3927944e2a3207bd064e04e39c3e966b52011aabc60ba4c");
        assertThat(hasher.hash(EMAIL)).isEqualTo("68e0e892f115e7c1e6e506696d7b9ab3ce7432b740c9f3da7f90fbe93578c0f8");
    }

    @Test
    void aConfiguredKeyGivesTheSameHashesAndNoFile() {
        RecipientHasher hasher = hasher("a configured recipient key of 32+ characters");

        assertThat(hasher.hash(PHONE)).isEqualTo("ceed69f33fa7e6c66d270161cdbc38187a07d512369737383c0fa3771b47f33b");
        assertThat(hasher.hash(EMAIL)).isEqualTo("7b3cb0b4e2f304ba6ef948e96512296d8c9d8ab0bded8858499f3c5844a6981b");
        assertThat(dataDir.resolve("messaging-recipient.key")).doesNotExist();
    }

    @Test
    void withoutEitherAKeyFileIsMadeOnceOwnerOnlyAndKept() throws Exception {
        RecipientHasher first = hasher("");
        Path file = dataDir.resolve("messaging-recipient.key");

        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(hasher("").hash(PHONE)).isEqualTo(first.hash(PHONE));
    }

    private RecipientHasher hasher(String configuredKey) {
        MessagingProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("benteng.messaging.recipient-key", configuredKey)))
                .bindOrCreate("benteng.messaging", MessagingProperties.class);
        PlatformProperties platform = new Binder(new MapConfigurationPropertySource(Map.of("benteng.data-dir", dataDir.toString())))
                .bindOrCreate("benteng", PlatformProperties.class);
        return RecipientHasher.create(properties, new LocalSecrets(platform, new SecureRandom()));
    }
}

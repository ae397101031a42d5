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
 * The suppression list is keyed by these hashes. The legacy values are golden values computed by the code before the key
 * loading moved to {@code platform.LocalSecrets} and the HMAC to {@code platform.KeyedHash}, for a key file written by
 * the old code and for a configured key (they agree with {@code openssl dgst -sha256 -mac HMAC}); suppressions stored
 * in that form can never be rewritten. The current values pin the platform's one contact form under this module's label.
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

        assertThat(hasher.legacyHash(PHONE)).isEqualTo("29f6177d29a00c2fc3927944e2a3207bd064e04e39c3e966b52011aabc60ba4c");
        assertThat(hasher.legacyHash(EMAIL)).isEqualTo("68e0e892f115e7c1e6e506696d7b9ab3ce7432b740c9f3da7f90fbe93578c0f8");
        assertThat(hasher.hash(PHONE)).isEqualTo("5748492d0b4028a29345e68dcd7c5a715bf3a930310cdc3e6128dc5fd3b3046d");
        assertThat(hasher.hash(EMAIL)).isEqualTo("cdd44cc8ad2007b18a48a23e44895a5925fd418fafad2aba946fa3b7788344c9");
    }

    @Test
    void aConfiguredKeyGivesTheSameHashesAndNoFile() {
        RecipientHasher hasher = hasher("a configured recipient key of 32+ characters");

        assertThat(hasher.legacyHash(PHONE)).isEqualTo("ceed69f33fa7e6c66d270161cdbc38187a07d512369737383c0fa3771b47f33b");
        assertThat(hasher.legacyHash(EMAIL)).isEqualTo("7b3cb0b4e2f304ba6ef948e96512296d8c9d8ab0bded8858499f3c5844a6981b");
        assertThat(hasher.hash(PHONE)).isEqualTo("e4ed239eb08044fda769d1c9d3623693a50b55e74dd641db2f0b6b1f7ed85166");
        assertThat(hasher.hash(EMAIL)).isEqualTo("f6dd591cadf5778345b5dd4448bbb63f1cbf9922e0e68a1879afb2de9631a568");
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

    @Test
    void formsAreTheCurrentThenTheLegacyOneAndIgnoreTheCaseOfAnAddress() {
        RecipientHasher hasher = hasher("a configured recipient key of 32+ characters");
        Contact lower = Contact.of(EmailAddress.parse("siti.aminah@contoh.my"));

        assertThat(hasher.forms(PHONE)).containsExactly(hasher.hash(PHONE), hasher.legacyHash(PHONE));
        assertThat(hasher.forms(EMAIL)).isEqualTo(hasher.forms(lower));
    }

    private RecipientHasher hasher(String configuredKey) {
        MessagingProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("benteng.messaging.recipient-key", configuredKey)))
                .bindOrCreate("benteng.messaging", MessagingProperties.class);
        PlatformProperties platform = new Binder(new MapConfigurationPropertySource(Map.of("benteng.data-dir", dataDir.toString())))
                .bindOrCreate("benteng", PlatformProperties.class);
        return RecipientHasher.create(properties, new LocalSecrets(platform, new SecureRandom()));
    }
}

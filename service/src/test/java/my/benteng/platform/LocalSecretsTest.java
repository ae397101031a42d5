package my.benteng.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void aConfiguredSecretIsTakenAsItsUtf8Bytes() {
        assertThat(secrets().secretOrFileKey("a configured key of 32+ characters", "some.key"))
                .isEqualTo("a configured key of 32+ characters".getBytes(StandardCharsets.UTF_8));
        assertThat(dataDir.resolve("some.key")).doesNotExist();
    }

    @Test
    void anExistingKeyFileIsDecodedWhateverItsLength() throws Exception {
        // older key files in this format were never checked for length: replacing one would orphan its hashes
        Files.writeString(dataDir.resolve("some.key"), "AQID\n");

        assertThat(secrets().secretOrFileKey("", "some.key")).containsExactly(1, 2, 3);
        assertThat(Files.readString(dataDir.resolve("some.key"))).isEqualTo("AQID\n");
    }

    @Test
    void aKeyFileThatIsNotBase64IsNamedButNotQuoted() throws Exception {
        Files.writeString(dataDir.resolve("some.key"), "not*base64*secret");

        assertThatThrownBy(() -> secrets().secretOrFileKey(null, "some.key")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("some.key").message().doesNotContain("secret");
    }

    @Test
    void withNeitherA256BitKeyIsGeneratedOnce() {
        byte[] first = secrets().secretOrFileKey(" ", "some.key");

        assertThat(first).hasSize(32);
        assertThat(secrets().secretOrFileKey("", "some.key")).isEqualTo(first);
    }

    private LocalSecrets secrets() {
        PlatformProperties platform = new Binder(new MapConfigurationPropertySource(Map.of("benteng.data-dir", dataDir.toString())))
                .bindOrCreate("benteng", PlatformProperties.class);
        return new LocalSecrets(platform, new SecureRandom());
    }
}

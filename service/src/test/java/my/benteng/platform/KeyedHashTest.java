package my.benteng.platform;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyedHashTest {

    private static final byte[] PEPPER = "a pepper of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void macIsHmacSha256OfTheMessageExactly() {
        // RFC 4231, test case 2
        KeyedHash hash = new KeyedHash("Jefe".getBytes(StandardCharsets.US_ASCII));

        assertThat(HexFormat.of().formatHex(hash.mac("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(hash.hex("what do ya want for nothing?")).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void theLabelledFormLengthPrefixesTheLabelAndEachPartInUtf8Bytes() {
        KeyedHash hash = new KeyedHash(PEPPER);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (String part : List.of("destination", "mailto:zoë@contoh.my")) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            message.write(bytes.length >>> 8);
            message.write(bytes.length & 0xff);
            message.writeBytes(bytes);
        }

        assertThat(hash.hex("destination", "mailto:zoë@contoh.my")).isEqualTo(HexFormat.of().formatHex(hash.mac(message.toByteArray())))
                // what otp's Secrets.mac stored before this class existed (otp.internal.SecretsTest)
                .isEqualTo("18148e985a9a8050f0c2e71109748de7419b8704b11f0afbeb1e7945398ce361");
        assertThat(hash.hex("code", "6f1c2a4e-8b0d-4c3e-9a7f-0123456789ab", "042917"))
                .isEqualTo("68af2c32010e6818e9510b740d2c465d99c93196a327f697d41792feac69c2b2");
    }

    @Test
    void partsCannotSlideIntoEachOtherOrIntoTheLabel() {
        KeyedHash hash = new KeyedHash(PEPPER);

        assertThat(hash.hex("code", "ab", "c")).isNotEqualTo(hash.hex("code", "a", "bc"));
        assertThat(hash.hex("token", "x")).isNotEqualTo(hash.hex("tokenx")).isNotEqualTo(hash.hex("tok", "enx"));
        assertThat(hash.hex("token", "x")).isNotEqualTo(hash.hex("token:x"));
    }

    @Test
    void aPartTooLongForItsPrefixIsRefusedWithoutEchoingIt() {
        KeyedHash hash = new KeyedHash(PEPPER);
        String longPart = "secret-".repeat(10_000);

        assertThatThrownBy(() -> hash.hex("label", longPart)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("secret-");
        assertThat(hash.hex("label", "x".repeat(0xFFFF))).hasSize(64);
    }

    @Test
    void theKeyAppearsInNeitherToStringNorAnException() {
        assertThat(new KeyedHash(PEPPER).toString()).isEqualTo("KeyedHash[redacted]");
        assertThatThrownBy(() -> new KeyedHash(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyedHash(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherKeyGivesAnotherHashAndChangingTheCallersArrayChangesNothing() {
        byte[] key = PEPPER.clone();
        KeyedHash hash = new KeyedHash(key);
        String before = hash.hex("label", "part");
        key[0] ^= 1;

        assertThat(hash.hex("label", "part")).isEqualTo(before);
        assertThat(new KeyedHash(key).hex("label", "part")).isNotEqualTo(before);
    }

    @Test
    void oneInstanceServesManyThreadsAtOnce() throws Exception {
        KeyedHash hash = new KeyedHash(PEPPER);
        List<String> expected = IntStream.range(0, 200).mapToObj(i -> new KeyedHash(PEPPER).hex("n", Integer.toString(i))).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = IntStream.range(0, 8).mapToObj(t -> pool.submit(() -> {
                for (int round = 0; round < 50; round++) {
                    for (int i = 0; i < expected.size(); i++) {
                        if (!hash.hex("n", Integer.toString(i)).equals(expected.get(i))) {
                            return false;
                        }
                    }
                }
                return true;
            })).toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    @Test
    void aContactIsHashedInItsIdentityUnderItsLabel() {
        KeyedHash hash = new KeyedHash("a contact key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));
        Contact mixed = Contact.of(EmailAddress.parse("Siti.Aminah@Contoh.MY"));
        Contact lower = Contact.of(EmailAddress.parse("siti.aminah@contoh.my"));
        assertThat(hash.contact("shield.destination", mixed)).isEqualTo(hash.contact("shield.destination", lower))
                .isEqualTo(hash.hex("shield.destination", "mailto:siti.aminah@contoh.my"));
        Contact phone = Contact.of(PhoneNumber.parse("+60123456789"));
        assertThat(hash.contact("shield.destination", phone)).isEqualTo(hash.hex("shield.destination", "tel:+60123456789"))
                .isNotEqualTo(hash.contact("messaging.recipient", phone));
    }
}

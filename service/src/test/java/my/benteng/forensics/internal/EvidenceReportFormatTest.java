package my.benteng.forensics.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of the report format: RFC 8785 output, the signing key as other tools see it, shown file names. */
class EvidenceReportFormatTest {

    @Test
    void canonicalisationMatchesTheRfc8785Example() {
        // RFC 8785 section 3.2.2: sorted keys, ECMAScript numbers, minimal string escapes
        String input = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
                + " \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\", \"literals\": [null, true, false]}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertThat(new String(EvidenceReports.canonicalize(input), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void keysAreSortedByUtf16CodeUnits() {
        assertThat(new String(EvidenceReports.canonicalize("{\"b\":1,\"a\":{\"\\u00e9\":2,\"z\":3},\"A\":0.999999}"), StandardCharsets.UTF_8))
                .isEqualTo("{\"A\":0.999999,\"a\":{\"z\":3,\"é\":2},\"b\":1}");
    }

    @Test
    void theServedPemVerifiesTheSignatureWithTheJdkAndAnyChangeFails() throws Exception {
        byte[] seed = new byte[32];
        seed[0] = 7;
        EvidenceSigner signer = new EvidenceSigner(seed);
        byte[] message = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(message);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(
                signer.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(key);
        jdk.update(message);
        assertThat(jdk.verify(signature)).isTrue();
        assertThat(signer.verify(message, signature)).isTrue();
        assertThat(signer.verify("{\"a\":2}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(signer.keyId()).matches("[0-9a-f]{16}").isEqualTo(new EvidenceSigner(seed).keyId());
        assertThat(signer.toString()).doesNotContain(Base64.getEncoder().encodeToString(seed));
        assertThatThrownBy(() -> new EvidenceSigner(new byte[31])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void uploadedNamesAreReducedToASafeLastSegment() {
        assertThat(FileNames.safe("../../etc/passwd", 1)).isEqualTo("passwd");
        assertThat(FileNames.safe("C:\\temp\\..\\leak 01.jpg", 2)).isEqualTo("leak_01.jpg");
        assertThat(FileNames.safe("..", 3)).isEqualTo("sample-3");
        assertThat(FileNames.safe("/", 4)).isEqualTo("sample-4");
        assertThat(FileNames.safe(null, 5)).isEqualTo("sample-5");
        assertThat(FileNames.safe("poly\u202Egpj.jpg", 6)).isEqualTo("poly_gpj.jpg");
        assertThat(FileNames.safe("x".repeat(10_000) + ".jpg", 7)).hasSize(FileNames.MAX);
        assertThat(FileNames.safe(".hidden\r\nInjected: yes", 8)).isEqualTo("hidden__Injected__yes");
    }
}

package my.benteng.ekyc.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden value computed by the signing code before {@code platform.KeyedHash}: partners' signatures must keep verifying. */
class SignedRequestsTest {

    @Test
    void aRelyingPartysSignatureIsTheDocumentedHmac() {
        byte[] key = RelyingParties.signingKey("an api secret of a relying party, 32+ chars");
        byte[] body = SignedRequests.sha256("{\"myKadNumber\":\"900101-14-5678\"}".getBytes(StandardCharsets.UTF_8));

        byte[] signature = SignedRequests.sign(key, "POST", "/api/v1/ekyc/verify?x=1", "1795313100", "nonce_0123456789abcdef", body);

        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(signature)).isEqualTo("VIWLBKYKizSw0ZPPG_9c9r4W8GpZwljkux0BSVMR2J0");
    }
}

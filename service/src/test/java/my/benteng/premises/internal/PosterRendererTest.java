package my.benteng.premises.internal;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PosterRendererTest {

    // found among 600 random tokens: ZXing's single-symbol reader does not read this URL's level-M symbol
    private static final String UNLUCKY = "http://localhost:8080/c/hon02UafHIZHi_P0o6nVl159sArAja7KcXr5PyDOE2W38SSc6I4";

    @Test
    void aQrCodeThePlainReaderCannotReadIsReplacedByOneItCan() {
        assertThat(PosterRenderer.readsBack(PosterRenderer.encode(UNLUCKY, ErrorCorrectionLevel.M), UNLUCKY)).as("the premise").isFalse();
        assertThat(PosterRenderer.readsBack(PosterRenderer.qr(UNLUCKY), UNLUCKY)).isTrue();
    }
}

package my.benteng.premises;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QrTokenTest {

    private static final PremisesId PREMISES = new PremisesId("6f1c2a4e-8b0d-4c3e-9a7f-0123456789ab");
    private static final QrToken TOKEN = QrToken.of(PREMISES, 7, 42, new byte[16]);

    @Test
    void aTokenIs51Base64UrlCharactersAndParsesBack() {
        assertThat(TOKEN.text()).hasSize(QrToken.LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(QrToken.parse(TOKEN.text())).contains(TOKEN);
    }

    @Test
    void aFullCheckInUrlParsesToItsToken() {
        assertThat(QrToken.parse("https://benteng.example.my/c/" + TOKEN.text())).contains(TOKEN);
    }

    @Test
    void garbageIsEmptyNeverAnException() {
        String text = TOKEN.text();
        for (String input : List.of("", "x", text + "A", text.substring(1), text.replace(text.charAt(5), '+'),
                text.substring(0, 50) + "=", "https://x/c/", "A".repeat(100_000), text + "\r\n", "\u0000".repeat(51),
                "/c/" + "é".repeat(51))) {
            assertThat(QrToken.parse(input)).as(input.length() > 60 ? "long input" : input).isEmpty();
        }
        assertThat(QrToken.parse(null)).isEmpty();
    }

    @Test
    void aNonCanonicalSpellingOfTheSameBytesIsRefused() {
        String text = TOKEN.text();
        // 38 bytes leave 2 spare low bits in the last character; setting one spells the same bytes differently
        char last = text.charAt(50);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String other = text.substring(0, 50) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(QrToken.parse(other)).isEmpty();
    }

    @Test
    void anUnknownFormatOrZeroVersionOrKeyIsRefused() {
        byte[] bytes = java.util.Base64.getUrlDecoder().decode(TOKEN.text());
        for (int[] change : new int[][]{{0, 2}, {17, 0}, {18, 0, 19, 0, 20, 0, 21, 0}}) {
            byte[] altered = bytes.clone();
            for (int i = 0; i < change.length; i += 2) {
                altered[change[i]] = (byte) change[i + 1];
            }
            assertThat(QrToken.parse(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(altered))).isEmpty();
        }
    }

    @Test
    void toStringLeavesTheTagOut() {
        QrToken token = QrToken.of(PREMISES, 1, 1, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertThat(token.toString()).doesNotContain(token.text()).contains(PREMISES.value());
    }
}

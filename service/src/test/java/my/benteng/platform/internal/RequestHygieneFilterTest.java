package my.benteng.platform.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestHygieneFilterTest {

    @Test
    void wellFormedQueriesPass() {
        assertThat(RequestHygieneFilter.wellFormedQuery(null)).isTrue();
        assertThat(RequestHygieneFilter.wellFormedQuery("")).isTrue();
        assertThat(RequestHygieneFilter.wellFormedQuery("status=OPEN&page=2&size=50")).isTrue();
        assertThat(RequestHygieneFilter.wellFormedQuery("q=Jalan%20Ampang+1&n=%E6%97%A5%E6%9C%AC&e=%F0%9F%98%80")).isTrue();
        assertThat(RequestHygieneFilter.wellFormedQuery("flag&x=&=y")).isTrue();
    }

    @Test
    void badEscapesInvalidOrOverlongUtf8AndControlsAreRefused() {
        assertThat(RequestHygieneFilter.wellFormedQuery("status=%ff%fe")).isFalse();
        assertThat(RequestHygieneFilter.wellFormedQuery("x=%zz")).isFalse();
        assertThat(RequestHygieneFilter.wellFormedQuery("x=%f")).isFalse();
        assertThat(RequestHygieneFilter.wellFormedQuery("x=%")).isFalse();
        assertThat(RequestHygieneFilter.wellFormedQuery("x=%c0%af")).isFalse(); // overlong '/'
        assertThat(RequestHygieneFilter.wellFormedQuery("x=%e0%80%af")).isFalse(); // overlong '/', three bytes
        assertThat(RequestHygieneFilter.wellFormedQuery("x=%ed%a0%80")).isFalse(); // a surrogate
        assertThat(RequestHygieneFilter.wellFormedQuery("x=%e6%97")).isFalse(); // cut short
        assertThat(RequestHygieneFilter.wellFormedQuery("x=a%0aFORGED%ff")).isFalse();
        assertThat(RequestHygieneFilter.wellFormedQuery("x=a\u00e9")).isFalse(); // a raw byte outside ASCII
    }

    @Test
    void wellFormedControlCharactersAreLeftToTheParametersOwnValidation() {
        // the parameter's validation names the field (invalid-request); a log line escapes them (LogSafe)
        assertThat(RequestHygieneFilter.wellFormedQuery("status=%0D%0ABcc")).isTrue();
        assertThat(RequestHygieneFilter.wellFormedQuery("x=a%c2%85")).isTrue();
    }

    @Test
    void theUtf8ValidatorTakesShortestFormsOnly() {
        assertThat(valid("plain ascii {\"a\":1}")).isTrue();
        assertThat(valid(new byte[] {(byte) 0xc3, (byte) 0xa9})).isTrue(); // é
        assertThat(valid(new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80})).isTrue(); // an emoji
        assertThat(valid(new byte[] {(byte) 0xc0, (byte) 0xaf})).isFalse(); // overlong '/'
        assertThat(valid(new byte[] {(byte) 0xc1, (byte) 0xbf})).isFalse();
        assertThat(valid(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf})).isFalse();
        assertThat(valid(new byte[] {(byte) 0xf0, (byte) 0x80, (byte) 0x80, (byte) 0xaf})).isFalse();
        assertThat(valid(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isFalse(); // surrogate
        assertThat(valid(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse(); // above U+10FFFF
        assertThat(valid(new byte[] {(byte) 0xff})).isFalse();
        assertThat(valid(new byte[] {(byte) 0x80})).isFalse(); // a lone continuation byte
        assertThat(valid(new byte[] {(byte) 0xe6, (byte) 0x97})).isFalse(); // cut off at the end
    }

    @Test
    void theValidatorSaysWhereTheBodyWentWrongWithoutQuotingIt() {
        Utf8Validator validator = new Utf8Validator();
        assertThatCode(() -> validator.accept('a')).doesNotThrowAnyException();
        assertThatThrownBy(() -> validator.accept(0xc0)).isInstanceOf(MalformedBodyException.class)
                .hasMessage("request body is not well-formed UTF-8");
    }

    private static boolean valid(String text) {
        return valid(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static boolean valid(byte[] bytes) {
        Utf8Validator validator = new Utf8Validator();
        try {
            for (byte b : bytes) {
                validator.accept(b & 0xff);
            }
            validator.end();
            return true;
        } catch (MalformedBodyException e) {
            return false;
        }
    }
}

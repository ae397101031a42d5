package my.benteng.platform.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTest {

    @Test
    void lineBreaksAndControlsAreEscapedAndEverythingElseKept() {
        assertThat(LogSafe.escape("a\r\nb")).isEqualTo("a\\r\\nb");
        assertThat(LogSafe.escape("nel\u0085 ls\u2028 ps\u2029 rlo\u202e esc\u001b del\u007f nul\u0000"))
                .isEqualTo("nel\\u0085 ls\\u2028 ps\\u2029 rlo\\u202e esc\\u001b del\\u007f nul\\u0000");
        assertThat(LogSafe.escape("tab\tstays, é and 日本 too")).isEqualTo("tab\tstays, é and 日本 too");
        String clean = "nothing to do";
        assertThat(LogSafe.escape(clean)).isSameAs(clean);
        assertThat(LogSafe.escape(null)).isNull();
    }

    @Test
    void forJsonOnlyWhatJsonLeavesRawIsEscaped() {
        // the JSON writer escapes C0 itself (CR, LF stay for it), but writes C1 and U+2028 as they are
        assertThat(LogSafe.escapeBeyondJson("a\nb\u0085c\u2028d\u202ee")).isEqualTo("a\nb\\u0085c\\u2028d\\u202ee");
    }
}

package my.benteng.platform.internal;

/**
 * Neutralises text bound for a log line. Any value in a message may come from a request (a query parameter quoted by
 * Tomcat, a header quoted by a firewall exception), and a CR or LF in it would let the sender write a line of their
 * own, such as a forged audit event. CR and LF become {@code \r} and {@code \n}; other control characters (C0, DEL, C1
 * such as NEL U+0085), the Unicode line and paragraph separators and the bidirectional overrides become {@code \}{@code uXXXX}.
 * A tab stays: it cannot start a line.
 */
public final class LogSafe {

    private LogSafe() {
    }

    /** The text with every line-breaking or invisible control character escaped; the same instance when there is none. */
    public static String escape(String text) {
        return escape(text, true);
    }

    /**
     * For JSON log formats, whose writer already escapes C0 (so CR and LF cannot end the line): only what JSON leaves as
     * it is and a log viewer may still break a line on or render deceptively (C1, U+2028/U+2029, bidi overrides).
     */
    public static String escapeBeyondJson(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean c0) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i), c0)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c, c0)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c, boolean c0) {
        if (c < 0x20) {
            return c0 && c != '\t';
        }
        return c == 0x7f && c0 || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}

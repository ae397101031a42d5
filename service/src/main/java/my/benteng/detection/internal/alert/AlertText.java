package my.benteng.detection.internal.alert;

/**
 * The one way text reaches an alert: rule titles, masked group-by values and rule summaries are neutralised and escaped
 * here before they are stored, shown in the API or sent to Alertmanager and webhooks. Control, format (bidi overrides,
 * zero-width) and line-separator characters become U+FFFD, so no value can forge a line in a chat message or log, and
 * HTML metacharacters are escaped, so a receiver that renders HTML (a chat hook, a dashboard) shows them as text.
 */
final class AlertText {

    /** Longest summary stored and sent, in characters (after escaping). */
    static final int MAX_SUMMARY = 512;

    private AlertText() {
    }

    /** Whether {@code text} holds a character {@link #neutralise} would replace. */
    static boolean hasUnsafeCharacter(String text) {
        return text.codePoints().anyMatch(AlertText::unsafe);
    }

    /** {@code text} with every control, format and separator character replaced by U+FFFD. */
    static String neutralise(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> b.appendCodePoint(unsafe(cp) ? 0xFFFD : cp));
        return b.toString();
    }

    /** {@code text} neutralised, then with {@code & < > " '} as HTML character references. */
    static String escape(String text) {
        String safe = neutralise(text);
        StringBuilder b = new StringBuilder(safe.length() + 16);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The summary of an alert: its rule's title, the masked group-by values and the rule's own short summary, each
     * escaped, cut at {@link #MAX_SUMMARY} characters (never inside a character reference or a surrogate pair).
     */
    static String summary(String title, java.util.SortedMap<String, String> groupBy, String ruleSummary) {
        StringBuilder b = new StringBuilder(escape(title));
        if (!groupBy.isEmpty()) {
            b.append(" [");
            boolean first = true;
            for (var e : groupBy.entrySet()) {
                b.append(first ? "" : ", ").append(escape(e.getKey())).append('=').append(escape(e.getValue()));
                first = false;
            }
            b.append(']');
        }
        if (ruleSummary != null && !ruleSummary.isBlank()) {
            b.append(": ").append(escape(ruleSummary.strip()));
        }
        return cut(b.toString(), MAX_SUMMARY);
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1; // room for the ellipsis
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        int amp = text.lastIndexOf('&', end - 1);
        if (amp >= 0 && text.indexOf(';', amp) >= end) {
            end = amp; // do not cut a character reference in half
        }
        return text.substring(0, end) + "\u2026";
    }

    private static boolean unsafe(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
    }
}

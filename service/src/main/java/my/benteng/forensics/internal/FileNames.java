package my.benteng.forensics.internal;

/**
 * The name a sample is shown under. An uploaded file name is hostile text ({@code ../../etc/passwd}, control and bidi
 * characters, megabytes of it): only its last path segment is kept, reduced to letters, digits, dot, dash and
 * underscore, at most 80 characters; nothing else of it is ever echoed, logged or used as a path.
 */
final class FileNames {

    static final int MAX = 80;

    private FileNames() {
    }

    static String safe(String uploaded, int position) {
        String fallback = "sample-" + position;
        if (uploaded == null) {
            return fallback;
        }
        String name = uploaded.length() > 4096 ? uploaded.substring(uploaded.length() - 4096) : uploaded;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder b = new StringBuilder(Math.min(name.length(), MAX));
        for (int i = 0; i < name.length() && b.length() < MAX; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
            b.append(ok ? c : '_');
        }
        String s = b.toString();
        // no name of dots alone, no hidden-file or traversal look-alikes
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        return s.isEmpty() || s.chars().allMatch(ch -> ch == '_') ? fallback : s;
    }
}

package my.benteng.helpdesk.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 3834 section 2 as a policy: whether an incoming message may be answered automatically at all. Answers
 * a stable reason code when it may not (for the audit log), empty when it may. Each rule stands alone:
 * <ul>
 *   <li>no return path, or the null path {@code <>} (bounces): {@code helpdesk.ack.null_return_path}</li>
 *   <li>{@code MAILER-DAEMON}: {@code helpdesk.ack.mailer_daemon}; {@code *-request}: {@code helpdesk.ack.list_request};
 *       {@code owner-*}: {@code helpdesk.ack.list_owner}</li>
 *   <li>{@code Auto-Submitted} other than {@code no}: {@code helpdesk.ack.auto_submitted}</li>
 *   <li>any {@code List-*} header: {@code helpdesk.ack.list_header}</li>
 *   <li>{@code Precedence: bulk | list | junk}: {@code helpdesk.ack.precedence}</li>
 * </ul>
 */
final class AutoReplyPolicy {

    private AutoReplyPolicy() {
    }

    /** The parts of a message the rules look at; header names as they came, values unfolded. */
    record Envelope(String returnPath, List<String> headerNames, List<String> autoSubmitted, List<String> precedence) {
    }

    static Optional<String> refusal(Envelope e) {
        String path = e.returnPath() == null ? "" : e.returnPath().strip();
        if (path.startsWith("<") && path.endsWith(">")) {
            path = path.substring(1, path.length() - 1).strip();
        }
        if (path.isEmpty()) {
            return Optional.of("helpdesk.ack.null_return_path");
        }
        int at = path.lastIndexOf('@');
        String local = (at < 0 ? path : path.substring(0, at)).toLowerCase(Locale.ROOT);
        if (local.equals("mailer-daemon")) {
            return Optional.of("helpdesk.ack.mailer_daemon");
        }
        if (local.endsWith("-request")) {
            return Optional.of("helpdesk.ack.list_request");
        }
        if (local.startsWith("owner-")) {
            return Optional.of("helpdesk.ack.list_owner");
        }
        for (String value : e.autoSubmitted()) {
            // "no" (any case, optional parameters after ';') is the one value that means a person sent it
            String token = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!token.equals("no")) {
                return Optional.of("helpdesk.ack.auto_submitted");
            }
        }
        for (String name : e.headerNames()) {
            if (name.toLowerCase(Locale.ROOT).startsWith("list-")) {
                return Optional.of("helpdesk.ack.list_header");
            }
        }
        for (String value : e.precedence()) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.equals("bulk") || v.equals("list") || v.equals("junk")) {
                return Optional.of("helpdesk.ack.precedence");
            }
        }
        return Optional.empty();
    }
}

package my.benteng.shield;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A caller's own cap on the client behind a request, decided by {@link Shield#admit} in the shield's one atomic step
 * together with the proof of work: at most {@code max} admissions per rolling {@code window} for each client address
 * (or each subnet: IPv4 /24, IPv6 /48). A refusal takes nothing from the caller's other quotas.
 *
 * @param reason stable internal reason code of a refusal by this quota ({@code helpdesk.ticket.per_ip}), for audit and
 *               metrics; it also names the quota's counters, so two quotas with one reason are one quota
 * @param scope  what is counted: each client address or each subnet
 * @param max    admissions per window
 * @param window the rolling window
 */
public record ClientQuota(String reason, Scope scope, int max, Duration window) {

    /** Lower-case dotted words: a reason code, never client input; not under {@code shield.}, whose codes are the shield's own. */
    private static final Pattern REASON = Pattern.compile("(?!shield\\.)[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    /** What a quota counts. */
    public enum Scope {
        /** Each client address. */
        ADDRESS,
        /** Each IPv4 /24 or IPv6 /48. */
        SUBNET
    }

    public ClientQuota {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(window, "window");
        if (reason.length() > 64 || !REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("a quota's reason is a dotted lower-case code outside shield.*");
        }
        if (max < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException("a quota needs a positive maximum and window");
        }
    }

    public static ClientQuota perAddress(String reason, int max, Duration window) {
        return new ClientQuota(reason, Scope.ADDRESS, max, window);
    }

    public static ClientQuota perSubnet(String reason, int max, Duration window) {
        return new ClientQuota(reason, Scope.SUBNET, max, window);
    }
}

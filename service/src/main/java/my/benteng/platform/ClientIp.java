package my.benteng.platform;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The address of the client a request came from, resolved by the platform so that only configured
 * proxies may vouch for it. Modules obtain it with {@link #of(jakarta.servlet.http.HttpServletRequest)}.
 */
public record ClientIp(InetAddress address) {

    /** Request attribute under which the platform's filter stores the resolved address. */
    public static final String ATTRIBUTE = ClientIp.class.getName();

    public ClientIp {
        Objects.requireNonNull(address, "address");
    }

    /** The address the platform resolved for this request. */
    public static ClientIp of(jakarta.servlet.http.HttpServletRequest request) {
        Object value = request.getAttribute(ATTRIBUTE);
        if (value instanceof ClientIp ip) {
            return ip;
        }
        throw new IllegalStateException("client address not resolved for this request");
    }

    /** Canonical text form ({@code 203.0.113.7}, {@code 2001:db8::1}). */
    public String text() {
        return address.getHostAddress();
    }

    /**
     * The network the address belongs to for subnet limits: IPv4 /24, IPv6 /48, as canonical text
     * ({@code 203.0.113.0/24}).
     */
    public String subnet() {
        byte[] bytes = address.getAddress();
        int keep = bytes.length == 4 ? 3 : 6;
        byte[] net = new byte[bytes.length];
        System.arraycopy(bytes, 0, net, 0, keep);
        try {
            return InetAddress.getByAddress(net).getHostAddress() + "/" + keep * 8;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return text();
    }
}

package my.benteng.platform.internal;

import my.benteng.platform.ClientIp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * Decides which address a request really came from. Forwarding headers are believed only when the
 * socket peer is a configured proxy, and then only hop by hop from the right: the first address that is
 * not a trusted proxy is the client. Anyone else can write any header they like, so for them the socket
 * address is the answer — otherwise every per-IP limit would be one header away from useless.
 */
final class ClientIpResolver {

    /** Hops beyond this are not read: a header with thousands of entries costs nothing more. */
    private static final int MAX_HOPS = 20;

    private final List<Cidr> trusted;

    ClientIpResolver(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
    }

    ClientIp resolve(String remoteAddr, Enumeration<String> forwarded, Enumeration<String> xForwardedFor) {
        InetAddress peer = Cidr.InetAddresses.parseLiteral(remoteAddr);
        if (peer == null) {
            throw new IllegalStateException("socket peer is not an IP address");
        }
        if (!isTrusted(peer)) {
            return new ClientIp(peer);
        }
        // RFC 7239 Forwarded wins over the de-facto X-Forwarded-For when both are present
        List<String> hops = forwardedFor(forwarded);
        if (hops.isEmpty()) {
            hops = xForwardedFor(xForwardedFor);
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && hops.size() - i <= MAX_HOPS; i--) {
            InetAddress hop = Cidr.InetAddresses.parseLiteral(stripPort(hops.get(i)));
            if (hop == null) {
                break; // garbage or an obfuscated identifier: stop at the last address we could vouch for
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return new ClientIp(client);
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr c : trusted) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> xForwardedFor(Enumeration<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers == null ? Collections.<String>emptyList() : Collections.list(headers)) {
            for (String part : header.split(",")) {
                if (!part.isBlank()) {
                    hops.add(part.trim());
                }
            }
        }
        return hops;
    }

    private static List<String> forwardedFor(Enumeration<String> headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers == null ? Collections.<String>emptyList() : Collections.list(headers)) {
            for (String element : header.split(",")) {
                for (String pair : element.split(";")) {
                    String p = pair.trim();
                    if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
                        String v = p.substring(4).trim();
                        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                            v = v.substring(1, v.length() - 1);
                        }
                        hops.add(v);
                    }
                }
            }
        }
        return hops;
    }

    /** {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711} carry a port; a bare IPv6 literal does not. */
    private static String stripPort(String hop) {
        String h = hop.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        if (colon > 0 && colon == h.lastIndexOf(':')) {
            return h.substring(0, colon);
        }
        return h;
    }
}

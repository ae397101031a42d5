package my.benteng.platform.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = InetAddresses.parseLiteral(host);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address block: " + text);
        }
        int bits = address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix out of range in " + text);
        }
        return new Cidr(address.getAddress(), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** Literal parsing only: a header value must never trigger a DNS lookup. */
    static final class InetAddresses {
        private InetAddresses() {
        }

        static InetAddress parseLiteral(String text) {
            String s = text.trim();
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            if (s.isEmpty() || s.length() > 45) {
                return null;
            }
            boolean v4 = s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
            boolean v6 = s.indexOf(':') >= 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
            if (v4) {
                String[] parts = s.split("\\.", -1);
                if (parts.length != 4) {
                    return null;
                }
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    if (parts[i].isEmpty() || parts[i].length() > 3) {
                        return null;
                    }
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        return null;
                    }
                    b[i] = (byte) v;
                }
                return byAddress(b);
            }
            if (v6) {
                try {
                    // with only hex digits, ':' and '.', getByName parses a literal and never resolves
                    InetAddress a = InetAddress.getByName(s);
                    return a;
                } catch (UnknownHostException e) {
                    return null;
                }
            }
            return null;
        }

        private static InetAddress byAddress(byte[] b) {
            try {
                return InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}

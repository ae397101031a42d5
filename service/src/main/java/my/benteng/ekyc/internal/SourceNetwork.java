package my.benteng.ekyc.internal;

import my.benteng.platform.InvalidValueException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An allowed source network of a relying party, {@code 203.0.113.0/24} or {@code 2001:db8::/32}. */
public record SourceNetwork(byte[] network, int prefix) {

    // literals only: a host name here would make parsing do DNS
    private static final Pattern SHAPE = Pattern.compile("[0-9a-fA-F.:]{2,39}/[0-9]{1,3}");

    static SourceNetwork parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new InvalidValueException("allowedCidrs", "must be IPv4 or IPv6 networks in CIDR notation");
        }
        int slash = text.indexOf('/');
        byte[] address;
        try {
            address = InetAddress.getByName(text.substring(0, slash)).getAddress();
        } catch (UnknownHostException e) {
            throw new InvalidValueException("allowedCidrs", "must be IPv4 or IPv6 networks in CIDR notation");
        }
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix > address.length * 8) {
            throw new InvalidValueException("allowedCidrs", "prefix length is too long for the address");
        }
        return new SourceNetwork(mask(address, prefix), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == network.length && java.util.Arrays.equals(mask(a, prefix), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceNetwork s && s.prefix == prefix && java.util.Arrays.equals(s.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }
}

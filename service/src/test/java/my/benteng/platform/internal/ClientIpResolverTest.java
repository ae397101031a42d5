package my.benteng.platform.internal;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpResolverTest {

    private final ClientIpResolver behindProxy = new ClientIpResolver(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));
    private final ClientIpResolver direct = new ClientIpResolver(List.of());

    @Test
    void socketAddressWinsWhenThePeerIsNotATrustedProxy() {
        assertThat(resolve(direct, "198.51.100.7", null, "203.0.113.9")).isEqualTo("198.51.100.7");
        assertThat(resolve(behindProxy, "198.51.100.7", "for=203.0.113.9", "203.0.113.9")).isEqualTo("198.51.100.7");
    }

    @Test
    void trustedProxyVouchesForTheNearestUntrustedHop() {
        assertThat(resolve(behindProxy, "10.1.2.3", null, "203.0.113.9")).isEqualTo("203.0.113.9");
        // the client put a fake address first; the proxy appended the real one
        assertThat(resolve(behindProxy, "10.1.2.3", null, "1.2.3.4, 203.0.113.9")).isEqualTo("203.0.113.9");
        // two proxies of ours in a row
        assertThat(resolve(behindProxy, "10.1.2.3", null, "1.2.3.4, 203.0.113.9, 10.9.9.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void forwardedHeaderIsPreferredAndParsed() {
        assertThat(resolve(behindProxy, "10.1.2.3", "for=192.0.2.60;proto=https, for=\"[2001:db8:cafe::17]:4711\"", "9.9.9.9"))
                .isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(resolve(behindProxy, "10.1.2.3", "For=\"192.0.2.43:47011\"", null)).isEqualTo("192.0.2.43");
    }

    @Test
    void garbageInTheHeaderStopsAtTheLastAddressWeCanVouchFor() {
        assertThat(resolve(behindProxy, "10.1.2.3", null, "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(resolve(behindProxy, "10.1.2.3", "for=unknown", null)).isEqualTo("10.1.2.3");
        assertThat(resolve(behindProxy, "10.1.2.3", null, "203.0.113.9, 999.1.1.1")).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6ProxiesAndClients() {
        assertThat(resolve(behindProxy, "2001:db8:ffff::1", null, "2001:db8:1::5")).isEqualTo("2001:db8:1:0:0:0:0:5");
    }

    @Test
    void cidrMatching() {
        Cidr v4 = Cidr.parse("192.168.4.0/22");
        assertThat(v4.contains(Cidr.InetAddresses.parseLiteral("192.168.7.255"))).isTrue();
        assertThat(v4.contains(Cidr.InetAddresses.parseLiteral("192.168.8.0"))).isFalse();
        assertThat(v4.contains(Cidr.InetAddresses.parseLiteral("::1"))).isFalse();
        assertThat(Cidr.parse("127.0.0.1").contains(Cidr.InetAddresses.parseLiteral("127.0.0.1"))).isTrue();
    }

    @Test
    void hostnamesAreNeverResolved() {
        assertThat(Cidr.InetAddresses.parseLiteral("localhost")).isNull();
        assertThat(Cidr.InetAddresses.parseLiteral("example.com")).isNull();
    }

    private static String resolve(ClientIpResolver resolver, String peer, String forwarded, String xff) {
        return resolver.resolve(peer,
                forwarded == null ? null : Collections.enumeration(List.of(forwarded)),
                xff == null ? null : Collections.enumeration(List.of(xff))).text();
    }
}
